package dev.stepwise.mfa.runtime.geo;

import dev.stepwise.mfa.runtime.config.MfaConfigException;
import dev.stepwise.mfa.runtime.config.Parameters;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Opens the GeoIP database at deployment, so that a missing, unreadable or corrupt file, a database of the
 * wrong kind, or a missing reader library fails the deployment with the parameter's name rather than the first
 * sign-in.
 *
 * <pre>{@code
 * IpLocator locator = GeoIp.open(Path.of("/var/lib/GeoIP/GeoLite2-City.mmdb"));
 * }</pre>
 */
public final class GeoIp {

    /** The reader class, to tell a missing library from a bad file. */
    static final String READER_CLASS = "com.maxmind.geoip2.DatabaseReader";

    private GeoIp() {
    }

    /**
     * Opens {@code file} with MaxMind's reader.
     *
     * @param file the {@code .mmdb} file
     * @return the locator
     * @throws MfaConfigException naming {@code stepwise.mfa.geoip.database} and what is wrong
     */
    public static IpLocator open(Path file) {
        String name = Parameters.GEOIP_DATABASE.name();
        try {
            Class.forName(READER_CLASS, false, GeoIp.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new MfaConfigException(name, file.toString(), "a file MaxMind's reader can read, and the reader: "
                    + "add com.maxmind.geoip2:geoip2 to the application");
        }
        try {
            return MaxMindLocator.open(file);
        } catch (IOException | RuntimeException e) {
            // the reader's message names offsets and types of the file, not request data
            throw new MfaConfigException(name, file.toString(), "a readable MaxMind DB file (GeoIP2 or GeoLite2 "
                    + "City or Country): " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
