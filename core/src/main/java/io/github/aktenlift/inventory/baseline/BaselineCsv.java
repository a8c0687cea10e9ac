package io.github.aktenlift.inventory.baseline;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.github.aktenlift.InvalidCommandException;
import io.github.aktenlift.InvalidValueException;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.BarcodeScheme;
import io.github.aktenlift.casefile.FileReference;
import io.github.aktenlift.casefile.ProtectionLevel;
import io.github.aktenlift.casefile.Subject;
import io.github.aktenlift.inventory.BaselineEntry;
import io.github.aktenlift.inventory.BaselineProblem;
import io.github.aktenlift.inventory.InvalidBaselineException;
import io.github.aktenlift.lifecycle.CommandValidator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the baseline CSV exported from the specialist procedure: a header line naming the columns,
 * one case file per line; every bad line is an {@link InvalidBaselineException} naming line and
 * column, never the value; every bad line of a file is reported at once.
 */
final class BaselineCsv {

    private static final List<String> COLUMNS = List.of("file_reference", "barcode", "surname", "given_names",
            "date_of_birth", "nationality", "azr_number", "protection_level");
    // strict, as ISO parsing is: the default SMART style would read 31.02. as the 28th or 29th
    private static final DateTimeFormatter GERMAN_DATE = DateTimeFormatter.ofPattern("dd.MM.uuuu")
            .withResolverStyle(ResolverStyle.STRICT);

    private final BarcodeScheme scheme;
    private final CommandValidator validator;

    BaselineCsv(BarcodeScheme scheme, CommandValidator validator) {
        this.scheme = scheme;
        this.validator = validator;
    }

    /**
     * Reads every line before it judges: all problems of the file are reported together, one per
     * bad line (the first bad column of it), so that a clerk can fix the export in one go.
     *
     * @throws InvalidBaselineException with every problem, if there is any
     */
    List<BaselineEntry> parse(byte[] bytes) {
        if (new String(bytes, StandardCharsets.UTF_8).isBlank()) {
            throw new InvalidBaselineException(0, "", "the file is empty");
        }
        CsvMapper mapper = new CsvMapper();
        List<BaselineEntry> out = new ArrayList<>();
        List<BaselineProblem> problems = new ArrayList<>();
        Map<FileReference, Integer> refs = new HashMap<>();
        Map<Barcode, Integer> barcodes = new HashMap<>();
        int line = 1;
        try (MappingIterator<Map<String, String>> it = mapper.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(bytes)) {
            while (it.hasNextValue()) {
                Map<String, String> row = it.nextValue();
                line++;
                if (line == 2) {
                    for (String c : COLUMNS) {
                        if (!row.containsKey(c)) {
                            // without its columns no line can be read: this one problem is the answer
                            throw new InvalidBaselineException(1, c, "column missing from the header");
                        }
                    }
                }
                BaselineEntry e;
                try {
                    e = entry(line, row);
                } catch (InvalidBaselineException bad) {
                    problems.addAll(bad.problems());
                    continue;
                }
                Integer dup = refs.putIfAbsent(e.reference(), line);
                if (dup != null) {
                    problems.add(new BaselineProblem(line, "file_reference", "same file reference as line " + dup));
                    continue;
                }
                if (e.barcode().isPresent() && (dup = barcodes.putIfAbsent(e.barcode().get(), line)) != null) {
                    problems.add(new BaselineProblem(line, "barcode", "same barcode as line " + dup));
                    continue;
                }
                out.add(e);
            }
            if (line == 1) {
                checkHeaderOnly(bytes);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidBaselineException ib) {
                throw ib;
            }
            // the line after the last one read is where the CSV stopped making sense
            problems.add(new BaselineProblem(line == 1 ? 0 : line + 1, "", "not a readable CSV with a header line"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidBaselineException(problems);
        }
        return out;
    }

    /** A file without rows still needs the right header, or it is no baseline at all. */
    private void checkHeaderOnly(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            throw new InvalidBaselineException(0, "", "the file is empty");
        }
        List<String> header = Arrays.stream(text.split("\\R", 2)[0].split(","))
                .map(c -> c.strip().replace("\"", "")).toList();
        for (String c : COLUMNS) {
            if (!header.contains(c)) {
                throw new InvalidBaselineException(1, c, "column missing from the header");
            }
        }
    }

    private BaselineEntry entry(int line, Map<String, String> row) {
        FileReference ref;
        try {
            ref = new FileReference(row.get("file_reference"));
        } catch (InvalidValueException e) {
            throw new InvalidBaselineException(line, "file_reference", e.getMessage());
        }
        Optional<Barcode> barcode = Optional.empty();
        String bc = row.get("barcode").strip();
        if (!bc.isEmpty()) {
            try {
                barcode = Optional.of(new Barcode(bc));
            } catch (InvalidValueException e) {
                throw new InvalidBaselineException(line, "barcode", e.getMessage());
            }
            if (!scheme.accepts(barcode.get())) {
                throw new InvalidBaselineException(line, "barcode", "does not fit the case-file barcode scheme");
            }
        }
        LocalDate dob;
        String d = row.get("date_of_birth").strip();
        try {
            dob = d.contains(".") ? LocalDate.parse(d, GERMAN_DATE) : LocalDate.parse(d);
        } catch (DateTimeParseException e) {
            throw new InvalidBaselineException(line, "date_of_birth", "not a date (yyyy-MM-dd or dd.MM.yyyy)");
        }
        Subject subject = new Subject(row.get("surname").strip(), row.get("given_names").strip(), dob,
                blankToNull(row.get("nationality")), blankToNull(row.get("azr_number")));
        try {
            validator.check("BaselineEntry", subject);
        } catch (InvalidCommandException e) {
            InvalidCommandException.FieldViolation v = e.violations().get(0);
            throw new InvalidBaselineException(line, column(v.path()), v.message());
        }
        String p = row.get("protection_level").strip();
        ProtectionLevel level;
        try {
            level = p.isEmpty() ? ProtectionLevel.NORMAL : ProtectionLevel.valueOf(p);
        } catch (IllegalArgumentException e) {
            throw new InvalidBaselineException(line, "protection_level", "must be NORMAL, HIGH or VERY_HIGH");
        }
        return new BaselineEntry(line, ref, barcode, subject, level);
    }

    private static String column(String path) {
        return switch (path) {
            case "givenNames" -> "given_names";
            case "dateOfBirth" -> "date_of_birth";
            case "azrNumber" -> "azr_number";
            default -> path;
        };
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
