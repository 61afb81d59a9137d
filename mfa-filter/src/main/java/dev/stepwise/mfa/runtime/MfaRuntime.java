package dev.stepwise.mfa.runtime;

import dev.stepwise.mfa.core.AnnotatedRequirements;
import dev.stepwise.mfa.core.EnrolmentRules;
import dev.stepwise.mfa.core.Gatekeeper;
import dev.stepwise.mfa.core.MfaPolicy;
import dev.stepwise.mfa.core.risk.RiskAssessor;
import dev.stepwise.mfa.core.risk.RiskSignal;
import dev.stepwise.mfa.core.risk.UserTimeZones;
import dev.stepwise.mfa.runtime.geo.IpLocator;
import dev.stepwise.mfa.event.MfaEvent;
import dev.stepwise.mfa.factor.Factor;
import dev.stepwise.mfa.runtime.config.MfaConfig;
import dev.stepwise.mfa.runtime.config.OfferedFactors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The library as configured for this deployment: configuration, clock, the offered factors, the policy and the
 * {@link Gatekeeper} built on it, the annotation reader, the store and the audit events. No servlet request
 * handling: the servlet filter, the CDI interceptor and the library's pages all work from it.
 *
 * <pre>{@code
 * runtime.configure();                          // at deployment, after MfaConfiguration.start
 * Verdict v = runtime.gatekeeper().decide(request, facts);
 * }</pre>
 */
@ApplicationScoped
public class MfaRuntime {

    private static final System.Logger LOG = System.getLogger(MfaRuntime.class.getName());

    private final MfaConfiguration configuration;
    private final Instance<Factor> factorBeans;
    private final Consumer<MfaEvent> events;
    private final MfaStorage storage;
    private final Iterable<RiskSignal> appSignals;
    private final Iterable<UserTimeZones> userZones;
    private volatile Wired wired;
    private volatile IpLocator geoIp;
    private volatile RiskSignals riskSignals;

    private record Wired(MfaPolicy policy, Gatekeeper gatekeeper, AnnotatedRequirements annotations,
                         Map<String, Factor> factors, UserFactsCache facts) {
    }

    /**
     * Creates the MFA runtime from its parts.
     *
     * @param configuration the configuration
     * @param factorBeans the factor beans
     * @param events the events
     * @param storage the storage
     * @param appSignals the app signals
     * @param userZones the application's time zones of users, if it has such a bean
     */
    @Inject
    public MfaRuntime(MfaConfiguration configuration, @Any Instance<Factor> factorBeans, Event<MfaEvent> events,
                      MfaStorage storage, @Any Instance<RiskSignal> appSignals,
                      @Any Instance<UserTimeZones> userZones) {
        this(configuration, factorBeans, events == null ? null : events::fire, storage, appSignals, userZones);
    }

    private MfaRuntime(MfaConfiguration configuration, Instance<Factor> factorBeans, Consumer<MfaEvent> events,
                       MfaStorage storage, Iterable<RiskSignal> appSignals, Iterable<UserTimeZones> userZones) {
        this.configuration = configuration;
        this.factorBeans = factorBeans;
        this.events = events;
        this.storage = storage;
        this.appSignals = appSignals;
        this.userZones = userZones;
    }

    /** For CDI's proxy only. */
    protected MfaRuntime() {
        this(null, null, (Consumer<MfaEvent>) null, null, null, null);
    }

    /**
     * A runtime wired from plain values (tests): {@code factors} in page order are the offered factors;
     * {@code storage} may be {@code null} when nothing asks the store.
     *
     * @param configuration the configuration
     * @param factors the factors
     * @param storage the storage
     * @param events the events
     * @return a runtime wired from plain values (tests): {@code factors} in page order are the offered factors; {@code storage} may be {@code null} when nothing asks the store
     */
    public static MfaRuntime of(MfaConfiguration configuration, Map<String, Factor> factors, MfaStorage storage,
                                Consumer<MfaEvent> events) {
        MfaRuntime runtime = new MfaRuntime(configuration, null, events, storage, List.of(), List.of());
        runtime.wire(new LinkedHashMap<>(factors));
        return runtime;
    }

    /**
     * Finds the factor beans, checks that every configured factor exists, and builds the policy and gatekeeper.
     *
     * @throws dev.stepwise.mfa.runtime.config.MfaConfigException when {@code stepwise.mfa.factors} names a factor that does
     *                                                  not exist, or no offered factor exists at all
     */
    public void configure() {
        Map<String, Factor> available = new LinkedHashMap<>();
        for (Factor f : factorBeans) {
            if (f != null) { // the built-in email and SMS beans exist only when offered
                available.putIfAbsent(f.id(), f);
            }
        }
        Map<String, Factor> offered = new LinkedHashMap<>();
        OfferedFactors.select(config().factors(), available.keySet())
                .forEach(id -> offered.put(id, available.get(id)));
        wire(offered);
        geoIp = RiskSignals.open(config().signals()); // a bad GeoIP file fails the deployment
        LOG.log(System.Logger.Level.INFO, "Stepwise MFA: factors {0}, login policy {1}, pages at {2}",
                offered(), config().policy().login(), config().pages().path());
    }

    private void wire(Map<String, Factor> factors) {
        MfaConfig config = config();
        Set<String> mandatory = new LinkedHashSet<>(config.policy().mandatoryRoles());
        mandatory.addAll(config.policy().login().mandatoryRoles());
        MfaPolicy policy = new MfaPolicy(clock(), List.copyOf(factors.keySet()), mandatory,
                config.factors().questionsOnStepUp());
        Gatekeeper gatekeeper = new Gatekeeper(policy, config.policy().login(), config.requests().challengeExpiry());
        wired = new Wired(policy, gatekeeper, new AnnotatedRequirements(config.policy().stepUpMaxAge()),
                Map.copyOf(factors), new UserFactsCache(config.store().factsCache()));
    }

    private Wired wired() {
        Wired w = wired;
        if (w == null) {
            throw MfaConfiguration.notStarted();
        }
        return w;
    }

    /** {@return the configuration; available to factor beans while they are created at deployment} */
    public MfaConfig config() {
        return configuration.config();
    }

    /** {@return the library's clock} */
    public Clock clock() {
        return configuration.clock();
    }

    /** {@return the one place that decides access for a request} */
    public Gatekeeper gatekeeper() {
        return wired().gatekeeper();
    }

    /** {@return the decision rules (for checks such as whether a user may remove a factor)} */
    public MfaPolicy policy() {
        return wired().policy();
    }

    /**
     * Reads {@code @RequiresMfa}/{@code @StepUp} into requirements.
     *
     * @return the annotated requirements
     */
    public AnnotatedRequirements annotations() {
        return wired().annotations();
    }

    /** {@return the offered factors, in page order} */
    public List<String> offered() {
        return wired().policy().offered();
    }

    /**
     * An offered factor by id.
     *
     * @param id the id
     * @return an offered factor by id
     */
    public Optional<Factor> factor(String id) {
        return Optional.ofNullable(wired().factors().get(id));
    }

    /**
     * What the enforcement asks of users' stored state, kept briefly on this node ({@link UserFactsCache}).
     *
     * @return what the enforcement asks of users' stored state, kept briefly on this node ({@link UserFactsCache})
     */
    public UserFactsCache factsCache() {
        return wired().facts();
    }

    /**
     * A user's factors, exemption or preferences were changed: the enforcement reads them from the store again.
     * Called by the library after each such change it stores; an application that changes what its own factor or
     * directory (email, SMS) reports calls it too, or the change is seen within
     * {@code stepwise.mfa.store.facts-cache}.
     */
    public void factsChanged() {
        UserFactsCache facts = wired().facts();
        facts.changed();
        AfterTransaction.alsoAfterCompletion(facts::changed); // a caller's transaction commits the change later
    }

    /**
     * The offered factors {@code user} has enrolled, in page order, raw: SMS included even when alone.
     *
     * @param user the user name (the container's caller principal name)
     * @return the offered factors {@code user} has enrolled, in page order, raw: SMS included even when alone
     */
    public Set<String> enrolledRaw(String user) {
        Set<String> result = new LinkedHashSet<>();
        for (String id : offered()) {
            if (wired().factors().get(id).isEnrolled(user)) {
                result.add(id);
            }
        }
        return result;
    }

    /**
     * The offered factors {@code user} has enrolled that count (docs/security-model.md: SMS never alone).
     *
     * @param user the user name (the container's caller principal name)
     * @return the offered factors {@code user} has enrolled that count (docs/security-model.md: SMS never alone)
     */
    public Set<String> enrolled(String user) {
        return EnrolmentRules.counting(enrolledRaw(user));
    }

    /** {@return the library's durable state} */
    public MfaStorage storage() {
        return storage;
    }

    /**
     * Fires an audit event to the application's observers.
     *
     * @param event the event
     */
    public void fire(MfaEvent event) {
        events.accept(event);
    }

    /** {@return the adaptive login's risk assessor: the configured built-in signals plus the application's} */
    public RiskAssessor riskAssessor() {
        return riskSignals().assessor();
    }

    /** {@return the adaptive login's signals and GeoIP lookup} */
    public RiskSignals riskSignals() {
        RiskSignals r = riskSignals;
        if (r == null) {
            r = RiskSignals.configure(geoIp, config().adaptive(), config().signals(), storage.riskHistory(), userZones,
                    appSignals);
            riskSignals = r;
        }
        return r;
    }
}
