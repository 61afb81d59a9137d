package dev.stepwise.mfa.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a tiny MaxMind DB ({@code .mmdb}) file for tests, following the public "MaxMind DB File Format
 * Specification" 2.0: an IPv6 search tree with 32-bit records (IPv4 networks under {@code ::/96}), the 16-byte
 * separator, a data section of maps, strings, doubles and unsigned integers, and the metadata after
 * {@code \xAB\xCD\xEFMaxMind.com}. Each network gets a City-style record:
 * {@code {country: {iso_code, names: {en, de}}, location: {latitude, longitude, accuracy_radius}}}.
 *
 * <pre>{@code
 * Path db = new MmdbWriter("GeoLite2-City")
 *         .city("203.0.113.0", 24, "DE", "Germany", 52.52, 13.40, 20)
 *         .write(Path.of("target", "test-city.mmdb"));
 * }</pre>
 */
public final class MmdbWriter {

    private static final byte[] METADATA_MARKER = {(byte) 0xAB, (byte) 0xCD, (byte) 0xEF,
            'M', 'a', 'x', 'M', 'i', 'n', 'd', '.', 'c', 'o', 'm'};

    private final String databaseType;
    private final List<Object[]> networks = new ArrayList<>();   // {byte[16] address, prefix, data map}

    /** @param databaseType e.g. {@code GeoLite2-City} or {@code GeoLite2-Country} */
    public MmdbWriter(String databaseType) {
        this.databaseType = databaseType;
    }

    /** Adds a network with a country and a place; {@code address} IPv4 or IPv6, {@code prefix} of its family. */
    public MmdbWriter city(String address, int prefix, String iso, String name, double lat, double lon, int radius) {
        Map<String, Object> location = new LinkedHashMap<>();
        location.put("accuracy_radius", new U16(radius));
        location.put("latitude", lat);
        location.put("longitude", lon);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("country", country(iso, name));
        data.put("location", location);
        return network(address, prefix, data);
    }

    /** Adds a network with only a country. */
    public MmdbWriter country(String address, int prefix, String iso, String name) {
        return network(address, prefix, Map.of("country", country(iso, name)));
    }

    /** Adds a network with any data (maps, strings, doubles, {@link U16}, {@link U32}). */
    public MmdbWriter network(String address, int prefix, Map<String, Object> data) {
        try {
            byte[] raw = InetAddress.getByName(address).getAddress();
            byte[] v6 = new byte[16];
            System.arraycopy(raw, 0, v6, 16 - raw.length, raw.length);
            networks.add(new Object[] {v6, raw.length == 4 ? prefix + 96 : prefix, data});
            return this;
        } catch (IOException e) {
            throw new IllegalArgumentException(address, e);
        }
    }

    private static Map<String, Object> country(String iso, String name) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("geoname_id", new U32(1000));
        c.put("iso_code", iso);
        c.put("names", Map.of("en", name));
        return c;
    }

    /** Writes the database to {@code file}, creating its folder. */
    public Path write(Path file) throws IOException {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        List<int[]> nodes = new ArrayList<>();
        nodes.add(new int[] {-1, -1});
        List<Integer> dataOffsets = new ArrayList<>();
        for (Object[] n : networks) {
            dataOffsets.add(data.size());
            encode(data, n[2]);
        }
        // the tree: node children -1 (empty), node index ≥ 0, or -(2 + network index) for data
        for (int i = 0; i < networks.size(); i++) {
            byte[] addr = (byte[]) networks.get(i)[0];
            int prefix = (Integer) networks.get(i)[1];
            int node = 0;
            for (int bit = 0; bit < prefix; bit++) {
                int side = (addr[bit / 8] >> (7 - bit % 8)) & 1;
                if (bit == prefix - 1) {
                    nodes.get(node)[side] = -(2 + i);
                } else {
                    if (nodes.get(node)[side] < 0) {
                        nodes.add(new int[] {-1, -1});
                        nodes.get(node)[side] = nodes.size() - 1;
                    }
                    node = nodes.get(node)[side];
                }
            }
        }
        int count = nodes.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int[] n : nodes) {
            for (int child : n) {
                long record = child == -1 ? count : child >= 0 ? child : count + 16L + dataOffsets.get(-child - 2);
                out.write(new byte[] {(byte) (record >>> 24), (byte) (record >>> 16), (byte) (record >>> 8),
                        (byte) record});
            }
        }
        out.write(new byte[16]);
        data.writeTo(out);
        out.write(METADATA_MARKER);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("node_count", new U32(count));
        meta.put("record_size", new U16(32));
        meta.put("ip_version", new U16(6));
        meta.put("database_type", databaseType);
        meta.put("languages", List.of("en"));
        meta.put("binary_format_major_version", new U16(2));
        meta.put("binary_format_minor_version", new U16(0));
        meta.put("build_epoch", new U64(1_700_000_000L));
        meta.put("description", Map.of("en", "Stepwise MFA test database"));
        encode(out, meta);
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.write(file, out.toByteArray());
    }

    /** An unsigned 16-bit value. @param value 0 to 65535 */
    public record U16(int value) {
    }

    /** An unsigned 32-bit value. @param value 0 to 2^32-1 */
    public record U32(long value) {
    }

    /** An unsigned 64-bit value. @param value ≥ 0 */
    public record U64(long value) {
    }

    @SuppressWarnings("unchecked")
    private static void encode(ByteArrayOutputStream out, Object value) {
        if (value instanceof String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            control(out, 2, b.length);
            out.writeBytes(b);
        } else if (value instanceof Double d) {
            control(out, 3, 8);
            unsigned(out, Double.doubleToLongBits(d), 8);
        } else if (value instanceof U16 u) {
            control(out, 5, 2);
            unsigned(out, u.value(), 2);
        } else if (value instanceof U32 u) {
            control(out, 6, 4);
            unsigned(out, u.value(), 4);
        } else if (value instanceof U64 u) {
            control(out, 9, 8);
            unsigned(out, u.value(), 8);
        } else if (value instanceof Map<?, ?> m) {
            control(out, 7, m.size());
            for (Map.Entry<?, ?> e : m.entrySet()) {
                encode(out, e.getKey());
                encode(out, e.getValue());
            }
        } else if (value instanceof List<?> l) {
            control(out, 11, l.size());
            l.forEach(x -> encode(out, x));
        } else {
            throw new IllegalArgumentException("cannot encode " + value);
        }
    }

    /** The control byte (type in the top 3 bits, 0 and an extended type byte from 8 on) and the size. */
    private static void control(ByteArrayOutputStream out, int type, int size) {
        int sizeBits = size < 29 ? size : size < 285 ? 29 : 30;
        out.write((type <= 7 ? type << 5 : 0) | sizeBits);
        if (type > 7) {
            out.write(type - 7);
        }
        if (size >= 285) {
            unsigned(out, size - 285, 2);
        } else if (size >= 29) {
            out.write(size - 29);
        }
    }

    private static void unsigned(ByteArrayOutputStream out, long value, int bytes) {
        for (int i = bytes - 1; i >= 0; i--) {
            out.write((int) (value >>> (8 * i)));
        }
    }
}
