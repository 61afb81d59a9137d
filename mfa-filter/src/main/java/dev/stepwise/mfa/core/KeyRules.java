package dev.stepwise.mfa.core;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The rules of a user's security keys and passkeys on the settings pages, as plain functions:
 * <ul>
 *   <li>a key's name is trimmed, 1 to {@value #MAX_NAME} characters, with no control, format (e.g. bidi
 *       overrides; the zero-width joiners of emoji sequences excepted), line-separator, private-use, unassigned
 *       or unpaired surrogate characters; letters of any script are fine;</li>
 *   <li>a key is a <em>passkey</em> when it may be synced (the backup-eligible flag) or lives in the device
 *       ({@code internal}/{@code hybrid} transports), else a <em>security key</em> (WebAuthn Level 3 §6.1 flags,
 *       §5.8.4 transports);</li>
 *   <li>one key of several may always be removed (the factor stays); the last one only where removing the whole
 *       factor is allowed ({@link EnrolmentRules#mayRemove});</li>
 *   <li>after the first key the page suggests a backup key.</li>
 * </ul>
 */
public final class KeyRules {

    /** Longest name, in {@code char}s (the stores keep 64 characters). */
    public static final int MAX_NAME = 64;

    /** What kind of authenticator holds a key, as the settings page names it. */
    public enum KeyKind {
        /** A roaming authenticator (USB, NFC, Bluetooth) that keeps the key to itself. */
        SECURITY_KEY,
        /** A key in a device or password manager, possibly synced. */
        PASSKEY;

        /** {@return the id used in message keys and pages: {@code security-key} or {@code passkey}} */
        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private KeyRules() {
    }

    /**
     * The name a user typed, checked.
     *
     * @param raw what the user typed, or {@code null}
     * @return the trimmed name; empty if it is not acceptable (then nothing may be stored)
     */
    public static Optional<String> name(String raw) {
        return printableText(raw, MAX_NAME);
    }

    /**
     * The rule of key names for any short text a user names something with (also security questions): trimmed,
     * 1 to {@code max} characters, printable as described on this class.
     */
    static Optional<String> printableText(String raw, int max) {
        if (raw == null) {
            return Optional.empty();
        }
        String trimmed = raw.strip();
        if (trimmed.isEmpty() || trimmed.length() > max) {
            return Optional.empty();
        }
        return allPrintable(trimmed) ? Optional.of(trimmed) : Optional.empty();
    }

    /** Whether every code point of {@code text} is printable as described on this class. */
    static boolean allPrintable(String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (!printable(cp)) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }

    private static boolean printable(int cp) {
        if (cp == 0x200C || cp == 0x200D) {
            return true; // zero-width (non-)joiners: part of emoji sequences and of words in some scripts
        }
        int type = Character.getType(cp);
        return type != Character.CONTROL && type != Character.FORMAT && type != Character.LINE_SEPARATOR
                && type != Character.PARAGRAPH_SEPARATOR && type != Character.SURROGATE
                && type != Character.UNASSIGNED && type != Character.PRIVATE_USE;
    }

    /**
     * The kind of a stored key, derived from what its registration said.
     *
     * @param transports     the transports the browser reported (possibly empty)
     * @param backupEligible the backup-eligible (BE) flag at registration
     * @return {@link KeyKind#PASSKEY} for a syncable or built-in key, else {@link KeyKind#SECURITY_KEY}
     */
    public static KeyKind kind(Set<String> transports, boolean backupEligible) {
        Objects.requireNonNull(transports, "transports");
        return backupEligible || transports.contains("internal") || transports.contains("hybrid")
                ? KeyKind.PASSKEY : KeyKind.SECURITY_KEY;
    }

    /**
     * Whether one key may be removed.
     *
     * @param keys             how many keys the user has now, the one to remove included
     * @param mayRemoveFactor  whether removing the whole factor is allowed ({@link EnrolmentRules#mayRemove})
     * @return {@code true} if other keys remain, or removing the factor is allowed
     */
    public static boolean mayRemoveKey(int keys, boolean mayRemoveFactor) {
        return keys > 1 || keys == 1 && mayRemoveFactor;
    }

    /**
     * Whether the settings page suggests registering a backup key.
     *
     * @param keys how many keys the user has
     * @return {@code true} with exactly one key: losing it would lose the factor
     */
    public static boolean suggestBackupKey(int keys) {
        return keys == 1;
    }
}
