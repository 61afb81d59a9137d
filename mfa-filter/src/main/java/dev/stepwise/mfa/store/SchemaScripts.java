package dev.stepwise.mfa.store;

import java.util.ArrayList;
import java.util.List;

/**
 * The migration scripts this release has, the same versions for every dialect. A released script never changes: a
 * change to the schema is a new version, added at the end of {@link #DESCRIPTIONS} with a file per dialect.
 */
final class SchemaScripts {

    /** The description of each version, version 1 first (each file is {@code V<n>__<description>.sql}). */
    static final List<String> DESCRIPTIONS = List.of(
            "first_schema",            // the first release's tables (2026-11-27)
            "enrolment_holds",         // stepwise_enrol_hold
            "housekeeping_indexes",    // expires_at / until_at indexes for the purge DELETEs
            "secret_key_check",        // stepwise_secret_key
            "code_send_reservation",   // stepwise_otp_send
            "hot_update_room",         // PostgreSQL: fillfactor of the tables every sign-in updates
            "risk_signins",            // stepwise_risk_signin (unusual-time, impossible-travel, new-country)
            "security_questions",      // stepwise_question, stepwise_question_set
            "push_subscriptions",      // stepwise_push_subscription (the push factor's devices)
            "push_auth_sealed",        // stepwise_push_subscription.auth wide enough for a sealed secret
            "push_approvals");         // stepwise_push_approval (the push factor's number matching)

    /** The version this release writes and reads: the last script's. */
    static final int CURRENT = DESCRIPTIONS.size();

    private SchemaScripts() {
    }

    /** Every script of {@code dialect}, version 1 first. */
    static List<SchemaScript> all(Dialect dialect) {
        List<SchemaScript> scripts = new ArrayList<>();
        for (int v = 1; v <= CURRENT; v++) {
            scripts.add(of(dialect, v));
        }
        return scripts;
    }

    /** The script of one version, 1 to {@link #CURRENT}. */
    static SchemaScript of(Dialect dialect, int version) {
        return new SchemaScript(version, DESCRIPTIONS.get(version - 1), dialect);
    }
}
