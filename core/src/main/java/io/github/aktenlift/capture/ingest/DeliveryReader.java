package io.github.aktenlift.capture.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aktenlift.InvalidCommandException;
import io.github.aktenlift.capture.InvalidDeliveryException;
import io.github.aktenlift.capture.delivery.DeliveryIndex;
import io.github.aktenlift.lifecycle.CommandValidator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** Reads a delivery's {@code index.json}: bounded in size, strict about the format, validated. */
final class DeliveryReader {

    private static final long MAX_INDEX_BYTES = 64L << 20;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

    private final CommandValidator validator;

    DeliveryReader(CommandValidator validator) {
        this.validator = validator;
    }

    /**
     * @param dir the delivery folder, a real path
     * @return the index
     * @throws InvalidDeliveryException naming the field or the file if the index cannot be taken
     */
    DeliveryIndex read(Path dir) {
        Path file = dir.resolve("index.json");
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new InvalidDeliveryException("index.json", "missing");
            }
            if (Files.size(file) > MAX_INDEX_BYTES) {
                throw new InvalidDeliveryException("index.json", "larger than " + (MAX_INDEX_BYTES >> 20) + " MiB");
            }
            DeliveryIndex index = JSON.readValue(file.toFile(), DeliveryIndex.class);
            if (index == null) {
                throw new InvalidDeliveryException("index.json", "is empty");
            }
            try {
                validator.check("DeliveryIndex", index);
            } catch (InvalidCommandException e) {
                InvalidCommandException.FieldViolation v = e.violations().get(0);
                throw new InvalidDeliveryException(v.path(), v.message());
            }
            return index;
        } catch (JsonMappingException e) {
            // the path names the field; Jackson's own message may quote values, so it is not passed on
            throw new InvalidDeliveryException(path(e), "does not fit the delivery format");
        } catch (JsonProcessingException e) {
            throw new InvalidDeliveryException("index.json", "is not valid JSON (line "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ")");
        } catch (IOException e) {
            throw new InvalidDeliveryException("index.json", "cannot be read");
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (b.length() > 0) {
                    b.append('.');
                }
                b.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.length() == 0 ? "index.json" : b.toString();
    }
}
