package io.github.aktenlift.adapters.filesystem;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.aktenlift.spi.procedure.ImportPackage;
import io.github.aktenlift.spi.procedure.PackageItem;

import java.io.IOException;
import java.io.OutputStream;
import java.util.TreeMap;

/** The default index: {@code index.json}, format {@code aktenlift-hotfolder/1}. */
final class JsonIndexWriter implements IndexWriter {

    static final JsonIndexWriter INSTANCE = new JsonIndexWriter();
    static final String FORMAT = "aktenlift-hotfolder/1";

    private JsonIndexWriter() {
    }

    @Override
    public String fileName() {
        return "index.json";
    }

    @Override
    public void write(ImportPackage pkg, OutputStream out) throws IOException {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("idempotencyKey", pkg.idempotencyKey());
        root.put("eFileId", pkg.eFileId());
        root.put("fileReference", pkg.fileReference());
        ObjectNode metadata = root.putObject("metadata");
        new TreeMap<>(pkg.metadata()).forEach(metadata::put);
        ArrayNode documents = root.putArray("documents");
        for (PackageItem item : pkg.documents()) {
            item(documents.addObject(), item);
        }
        item(root.putObject("scanProtocol"), pkg.scanProtocol());
        Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(new NonClosing(out), root);
    }

    private static void item(ObjectNode node, PackageItem item) {
        node.put("file", item.name());
        node.put("documentType", item.documentType());
        node.put("mediaType", item.mediaType());
        node.put("size", item.size());
        node.put("sha256", item.sha256());
    }

    /** Jackson closes the stream it writes to; the caller owns it. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
