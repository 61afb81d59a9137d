package dev.stepwise.mfa.web;

import dev.stepwise.mfa.Factors;

import dev.stepwise.mfa.core.Decision;
import dev.stepwise.mfa.core.EnrolmentRules;
import dev.stepwise.mfa.core.Requirement;
import dev.stepwise.mfa.core.exemption.EnrolmentHold;
import dev.stepwise.mfa.core.exemption.MfaExemption;
import dev.stepwise.mfa.event.MfaEvent;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who may change what on the settings pages, by the core's {@link EnrolmentRules}: the first factor needs no
 * step-up; every later change (adding, removing, new recovery codes, asking less often) needs a fresh factor
 * (docs/security-model.md: step-up on the library's own settings), waived for adding a factor while an
 * administrator's exemption lasts — such a factor is held first. When a change is not allowed, the answer (a
 * challenge, the enrolment page) is sent.
 */
final class SettingsAccess {

    private final PageCall call;
    private final EnrolmentRules rules;
    /** Whether adding a factor was allowed by an administrator's exemption, and which (as found then). */
    private boolean waived;
    private MfaExemption waivedBy;

    SettingsAccess(PageCall call) {
        this.call = call;
        this.rules = new EnrolmentRules(call.enforcement.policy(), call.enforcement.config().policy().login());
    }

    EnrolmentRules rules() {
        return rules;
    }

    /** The offered factors the user has set up, as they are (SMS alone included: the rules decide). */
    Set<String> raw() {
        Set<String> raw = new LinkedHashSet<>();
        for (String id : call.enforcement.offered()) {
            if (call.factor(id).map(f -> f.isEnrolled(call.user())).orElse(false)) {
                raw.add(id);
            }
        }
        return raw;
    }

    /**
     * The step-up every change needs: never answered by security questions, whatever
     * {@code stepwise.mfa.questions.step-up} says (questions must not let whoever knows the password change the
     * user's other factors).
     */
    Requirement manage() {
        Requirement manage = Requirement.stepUp(call.enforcement.config().policy().stepUpMaxAge()).withReason("manage-mfa");
        List<String> offered = call.enforcement.offered();
        if (!offered.contains(Factors.QUESTIONS)) {
            return manage;
        }
        Set<String> others = new LinkedHashSet<>(offered);
        others.remove(Factors.QUESTIONS);
        return manage.withFactors(others);
    }

    /** Whether the user may change their MFA now; if not, the challenge (or enrolment) answer is sent. */
    boolean mayChange() throws IOException {
        return allowed(manage());
    }

    /** Whether the caller meets {@code requirement}, or has no factor yet to prove; if not, the answer is sent. */
    boolean allowed(Requirement requirement) throws IOException {
        if (!rules.changeNeedsStepUp(raw())) {
            return true; // nothing to prove yet: this is how a first factor is set up
        }
        return answered(call.enforcement.decide(call.request, requirement));
    }

    /** Adding a factor: the same step-up as other changes, waived while an administrator's exemption lasts. */
    boolean mayAdd() throws IOException {
        if (!rules.addNeedsStepUp(raw())) {
            return true;
        }
        Decision decision = call.enforcement.decideEnrolment(call.request, manage());
        if (decision instanceof Decision.Granted g && g.why() == Decision.Granted.Why.EXEMPT) {
            // Remembered now: the factor added on this grant is held even if the exemption ends before it is saved.
            waivedBy = call.storage.exemptions().find(call.user()).orElse(null);
            waived = true;
        }
        return answered(decision);
    }

    private boolean answered(Decision decision) throws IOException {
        if (decision.isGranted()) {
            return true;
        }
        call.enforcement.answer(decision, call.request).writeTo(call.response);
        return false;
    }

    /**
     * Before a factor is enrolled while an administrator's exemption (which waived the step-up for adding it) is
     * active: its hold, saved first, so that no fault between the two can leave the factor active without it.
     * Until {@code stepwise.mfa.exemption.enrol-hold} has passed the factor satisfies no step-up, since whoever
     * had the password could have enrolled it. A hold saved for an enrolment that then fails only delays that
     * factor (fail closed).
     */
    Optional<EnrolmentHold> holdUnderExemption(String factorId) {
        Duration length = call.enforcement.config().admin().exemptionEnrolHold();
        Instant now = call.now();
        Optional<EnrolmentHold> hold = waived && !length.isNegative() && !length.isZero()
                ? Optional.of(new EnrolmentHold(call.user(), factorId, now, now.plus(length)))
                : EnrolmentHold.forEnrolment(call.user(), factorId, now, exemption().orElse(null), length);
        hold.ifPresent(h -> call.storage.store().enrolmentHolds().save(h));
        return hold;
    }

    /** Records a factor the user just enrolled: the event, and the one that tells of its hold, if it has one. */
    void recordEnrolment(String factorId, Optional<EnrolmentHold> hold) {
        call.audit(header -> new MfaEvent.FactorEnrolled(header, factorId));
        if (hold.isPresent()) {
            String grantedBy = (waivedBy != null ? Optional.of(waivedBy) : exemption()).map(MfaExemption::grantedBy)
                    .orElse("");
            call.audit(header -> new MfaEvent.FactorEnrolledUnderExemption(header, factorId, grantedBy,
                    hold.get().until()));
        }
    }

    private Optional<MfaExemption> exemption() {
        return call.storage.exemptions().find(call.user()).filter(e -> e.isActiveAt(call.now()));
    }
}
