package dev.stepwise.mfa.event;

import java.time.Instant;

/**
 * One log line per {@link MfaEvent}, for the default {@code System.Logger} observer:
 *
 * <pre>{@code
 * mfa event=factor-failed user=alice factor=totp ip=203.0.113.7 ua="Firefox on Linux" at=2025-03-01T10:00:00Z
 * mfa event=risk-assessed user=alice level=high reasons=new-device,long-absence challenged=true ip=2001:db8::7 at=…
 * mfa event=admin-action user=alice admin=bob action=exempt reason="lost phone, ticket 4711" until=… at=…
 * }</pre>
 *
 * <p>{@code key=value} pairs separated by single spaces: {@code event} and {@code user} first, then the event's own
 * fields, then {@code ip}, {@code ua} and {@code at}. Empty fields are left out (except {@code user}). A value
 * made only of {@code A-Z a-z 0-9 . _ - : / @ + ,} is written as is; any other value is quoted, with {@code \}
 * and {@code "} escaped and every control, format (bidirectional overrides), line or paragraph separator and
 * unpaired surrogate character written as {@code \n}, {@code \r}, {@code \t} or {@code \}{@code uXXXX}. So a user
 * name such as {@code "alice\nmfa event=factor-verified user=admin"} cannot forge a second line or a field (log
 * injection, CWE-117). Values are cut at {@value #MAX_VALUE} characters.
 */
public final class AuditLine {

    /** Longest value written; longer ones end in {@code …}. */
    public static final int MAX_VALUE = 256;

    private AuditLine() {
    }

    /**
     * The line for {@code event}.
     *
     * @param event the event
     * @return the line for {@code event}
     */
    public static String format(MfaEvent event) {
        Line line = new Line();
        line.field("event", name(event));
        line.always("user", event.user());
        if (!factorFields(event, line) && !keyFields(event, line)) {
            otherFields(event, line);
        }
        line.field("ip", event.clientAddress());
        line.field("ua", event.userAgent());
        line.field("at", event.at());
        return line.toString();
    }

    /** The own fields of the events about challenges, factors and recovery codes; whether {@code event} is one. */
    private static boolean factorFields(MfaEvent event, Line line) {
        if (event instanceof MfaEvent.ChallengeIssued e) {
            line.field("factors", String.join(",", e.factors()));
            line.field("reason", e.reason());
            line.field("target", e.target());
        } else if (event instanceof MfaEvent.FactorVerified e) {
            line.field("factor", e.factorId());
        } else if (event instanceof MfaEvent.FactorFailed e) {
            line.field("factor", e.factorId());
            line.field("reason", e.reason());
        } else if (event instanceof MfaEvent.FactorChecked e) {
            line.field("factor", e.factorId());
            line.field("outcome", e.outcome());
            line.field("ms", Long.toString(e.took().toMillis()));
        } else if (event instanceof MfaEvent.LockedOut e) {
            line.field("factor", e.factorId());
            line.field("failures", Integer.toString(e.failures()));
            line.field("until", e.lockedUntil());
        } else if (event instanceof MfaEvent.FactorEnrolled e) {
            line.field("factor", e.factorId());
        } else if (event instanceof MfaEvent.FactorEnrolledUnderExemption e) {
            line.field("factor", e.factorId());
            line.always("granted-by", e.grantedBy());
            line.field("until", e.holdUntil());
        } else if (event instanceof MfaEvent.FactorRemoved e) {
            line.field("factor", e.factorId());
            line.field("reason", e.reason());
        } else if (event instanceof MfaEvent.PushDenied e) {
            line.field("factor", e.factorId());
            line.field("reason", e.reason());
        } else if (event instanceof MfaEvent.RecoveryCodeUsed e) {
            line.field("remaining", Integer.toString(e.remaining()));
        } else if (event instanceof MfaEvent.RecoveryCodesRegenerated e) {
            line.field("count", Integer.toString(e.count()));
        } else {
            return false;
        }
        return true;
    }

    /** The own fields of the events about single keys; whether {@code event} is one. */
    private static boolean keyFields(MfaEvent event, Line line) {
        if (event instanceof MfaEvent.KeyRenamed e) {
            line.field("factor", e.factorId());
            line.field("name", e.name());
        } else if (event instanceof MfaEvent.PasskeySignIn e) {
            line.field("factor", e.factorId());
            line.field("name", e.name());
        } else if (event instanceof MfaEvent.KeyRemoved e) {
            line.field("factor", e.factorId());
            line.field("name", e.name());
            line.field("reason", e.reason());
        } else {
            return false;
        }
        return true;
    }

    /** The own fields of the events about devices, administrators, exemptions, other sites and risk. */
    private static void otherFields(MfaEvent event, Line line) {
        if (event instanceof MfaEvent.DeviceTrusted e) {
            line.field("device", e.deviceId());
            line.field("expires", e.expiresAt());
        } else if (event instanceof MfaEvent.TrustedDeviceUsed e) {
            line.field("device", e.deviceId());
        } else if (event instanceof MfaEvent.DeviceRevoked e) {
            line.field("device", e.all() ? "all" : e.deviceId());
            line.field("reason", e.reason());
        } else if (event instanceof MfaEvent.AdminAction e) {
            line.always("admin", e.admin());
            line.field("action", e.action().id());
            line.field("reason", e.reason());
            line.field("until", e.until());
        } else if (event instanceof MfaEvent.ExemptionUsed e) {
            line.always("granted-by", e.grantedBy());
            line.field("until", e.until());
            line.field("target", e.target());
        } else if (event instanceof MfaEvent.CrossSiteRefused e) {
            line.field("method", e.method());
            line.field("target", e.target());
            line.field("origin", e.origin());
        } else if (event instanceof MfaEvent.LocationRuleApplied e) {
            line.field("outcome", e.outcome());
            line.field("reason", e.reason());
            line.field("target", e.target());
        } else if (event instanceof MfaEvent.RiskAssessed e) {
            line.field("level", e.level().id());
            line.field("reasons", String.join(",", e.reasons()));
            line.field("challenged", Boolean.toString(e.challenged()));
        }
    }

    /**
     * The {@code event=} name, e.g. {@code factor-failed}.
     *
     * @param event the event
     * @return the {@code event=} name, e.g. {@code factor-failed}
     */
    public static String name(MfaEvent event) {
        return kebab(event.getClass().getSimpleName());
    }

    private static String kebab(String camel) {
        StringBuilder b = new StringBuilder(camel.length() + 4);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                if (i > 0) {
                    b.append('-');
                }
                b.append((char) (c + ('a' - 'A')));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static final class Line {
        private final StringBuilder b = new StringBuilder(160).append("mfa");

        void field(String key, String value) {
            if (value != null && !value.isEmpty()) {
                always(key, value);
            }
        }

        void field(String key, Instant value) {
            if (value != null) {
                always(key, value.toString());
            }
        }

        void always(String key, String value) {
            b.append(' ').append(key).append('=');
            value(value == null ? "" : value);
        }

        private void value(String v) {
            boolean cut = v.length() > MAX_VALUE;
            String s = cut ? v.substring(0, MAX_VALUE) : v;
            if (!cut && isBare(s)) {
                b.append(s);
                return;
            }
            b.append('"');
            for (int i = 0; i < s.length(); ) {
                int cp = s.codePointAt(i);
                i += Character.charCount(cp);
                escape(cp);
            }
            if (cut) {
                b.append('…');
            }
            b.append('"');
        }

        private void escape(int cp) {
            switch (cp) {
                case '\\':
                    b.append("\\\\");
                    return;
                case '"':
                    b.append("\\\"");
                    return;
                case '\n':
                    b.append("\\n");
                    return;
                case '\r':
                    b.append("\\r");
                    return;
                case '\t':
                    b.append("\\t");
                    return;
                default:
                    break;
            }
            int type = Character.getType(cp);
            if (type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE
                    || type == Character.UNASSIGNED || type == Character.PRIVATE_USE) {
                for (char c : Character.toChars(cp)) {
                    b.append(String.format("\\u%04x", (int) c));
                }
            } else {
                b.appendCodePoint(cp);
            }
        }

        private static boolean isBare(String s) {
            if (s.isEmpty()) {
                return false;
            }
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                        || c == '.' || c == '_' || c == '-' || c == ':' || c == '/' || c == '@' || c == '+'
                        || c == ',';
                if (!ok) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String toString() {
            return b.toString();
        }
    }
}
