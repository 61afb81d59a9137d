package dev.stepwise.mfa.web;

import dev.stepwise.mfa.core.KeyRules;
import dev.stepwise.mfa.event.UserAgentSummary;
import dev.stepwise.mfa.factor.KeyManagement;
import dev.stepwise.mfa.trust.TrustedDevice;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;

/**
 * The model of {@code settings.jsp}: the offered factors and what is set up, "always ask", trusted devices.
 *
 * @param links           the forms' token and targets
 * @param factors         one row per offered factor, in page order
 * @param keys            the user's security keys and passkeys, oldest first (empty without any)
 * @param backupSuggested the page suggests registering a backup key ({@link KeyRules#suggestBackupKey})
 * @param recoveryOffered recovery codes are offered (the page has "make new codes")
 * @param alwaysAsk       the user's "always ask for a second factor when I sign in"
 * @param devices         the user's active trusted devices, or {@code null} when trusting devices is off
 * @param done            message key of what was just done, or {@code null}
 * @param error           message key of why the last change was refused, or {@code null}
 */
public record SettingsPage(PageLinks links, List<FactorRow> factors, List<KeyRow> keys, boolean backupSuggested,
                           boolean recoveryOffered, boolean alwaysAsk, List<Device> devices, String done,
                           String error) {

    /**
     * Checks the components and copies the mutable ones.
     * @param links the forms' token and targets
     * @param factors one row per offered factor, in page order
     * @param keys the user's security keys and passkeys, oldest first (empty without any)
     * @param backupSuggested the page suggests registering a backup key ({@link KeyRules#suggestBackupKey})
     * @param recoveryOffered recovery codes are offered (the page has "make new codes")
     * @param alwaysAsk the user's "always ask for a second factor when I sign in"
     * @param devices the user's active trusted devices, or {@code null} when trusting devices is off
     * @param done message key of what was just done, or {@code null}
     * @param error message key of why the last change was refused, or {@code null}
     */
    public SettingsPage {
        Objects.requireNonNull(links, "links");
        factors = List.copyOf(factors);
        keys = List.copyOf(keys);
        devices = devices == null ? null : List.copyOf(devices);
    }

    /**
     * One offered factor.
     *
     * @param id        the factor id
     * @param name      its display name
     * @param enrolled  the user has it
     * @param codesLeft unused recovery codes, for a factor that hands them out; else {@code null}
     * @param setupUrl  the page that sets it up, or {@code null} when the settings cannot
     * @param setupId   the HTML id of that link, or {@code null}
     */
    public record FactorRow(String id, String name, boolean enrolled, Integer codesLeft, String setupUrl,
                            String setupId) {
        /**
         * Checks the components.
         * @param id the factor id
         * @param name its display name
         * @param enrolled the user has it
         * @param codesLeft unused recovery codes, for a factor that hands them out; else {@code null}
         * @param setupUrl the page that sets it up, or {@code null} when the settings cannot
         * @param setupId the HTML id of that link, or {@code null}
         */
        public FactorRow {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * A security key or passkey as the page lists it: its name (escaped by the page like all text), never its
     * material.
     *
     * @param id       the key's id the forms post
     * @param name     the name the user gave it
     * @param kind     {@code security-key} or {@code passkey} ({@link KeyRules.KeyKind#id()})
     * @param added    when it was registered
     * @param lastUsed when it last signed in, or {@code null} if never
     */
    public record KeyRow(String id, String name, String kind, Date added, Date lastUsed) {

        static KeyRow of(KeyManagement.ManagedKey key) {
            return new KeyRow(key.id(), key.name(), key.kind().id(), Date.from(key.addedAt()),
                    key.lastUsedAt() == null ? null : Date.from(key.lastUsedAt()));
        }
    }

    /**
     * A trusted device as the page lists it: the browser in fixed words, never the raw header.
     *
     * @param id       the device id the "revoke" form posts
     * @param browser  e.g. "Firefox on Linux"
     * @param created  when it was trusted
     * @param lastSeen when it was last used
     */
    public record Device(String id, String browser, Date created, Date lastSeen) {

        static Device of(TrustedDevice device) {
            return new Device(device.deviceId(), UserAgentSummary.of(device.userAgent()),
                    Date.from(device.createdAt()), Date.from(device.lastSeenAt()));
        }
    }

    /** The devices active at {@code now}. */
    static List<Device> active(List<TrustedDevice> devices, Instant now) {
        return devices.stream().filter(d -> d.isActiveAt(now)).map(Device::of).toList();
    }

    /** The message key of a {@code done} parameter, or {@code null} when it is not one of ours' shape. */
    static String doneKey(String done) {
        return done != null && done.matches("[a-z-]{1,32}") ? "stepwise.mfa.settings.done." + done : null;
    }
}
