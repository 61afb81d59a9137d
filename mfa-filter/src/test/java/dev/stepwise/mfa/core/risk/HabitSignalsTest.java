package dev.stepwise.mfa.core.risk;

import dev.stepwise.mfa.core.net.IpLiteral;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@code unusual-time}, {@code impossible-travel} and {@code new-country} against an {@link InMemoryRiskHistory}.
 */
class HabitSignalsTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final String ALICE = "alice";
    private static final Duration MEMORY = Duration.ofDays(90);
    private static final GeoLocation BERLIN_DE = new GeoLocation("DE", new GeoPoint(52.52, 13.40, 20));
    private static final GeoLocation POTSDAM_DE = new GeoLocation("DE", new GeoPoint(52.39, 13.06, 20));
    private static final GeoLocation PARIS_FR = new GeoLocation("FR", new GeoPoint(48.86, 2.35, 20));
    private static final GeoLocation SAO_PAULO_BR = new GeoLocation("BR", new GeoPoint(-23.55, -46.63, 50));

    private final InMemoryRiskHistory history = new InMemoryRiskHistory();

    private static Instant berlin(String localDateTime) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(localDateTime), BERLIN).toInstant();
    }

    private static RiskContext at(Instant when, GeoLocation where) {
        return new RiskContext(ALICE, when, "device-1", IpLiteral.parse("203.0.113.7").orElseThrow(), 0, null, where);
    }

    private void signedIn(Instant when, GeoLocation where) {
        history.recordLogin(at(when, where));
    }

    /** Ten working days signed in between 09:00 and 17:45 Berlin time. */
    private void officeHours() {
        for (int day = 1; day <= 10; day++) {
            String date = String.format("2026-11-%02d", day);
            signedIn(berlin(date + "T" + (day % 2 == 0 ? "09:00" : "17:45")), BERLIN_DE);
        }
    }

    private UnusualTimeSignal unusualTime(ZoneId zone) {
        return new UnusualTimeSignal(history, user -> zone, 10, RiskLevel.LOW);
    }

    // --- unusual-time --------------------------------------------------------------------------------------------

    @Test
    void unusualTimeOutsideTheUsualHoursSaysWhichHoursAreUsual() {
        officeHours();

        Optional<RiskReason> night = unusualTime(BERLIN).evaluate(at(berlin("2026-11-20T03:10"), BERLIN_DE));

        assertThat(night).contains(RiskReason.of("unusual-time", RiskLevel.LOW).withArgs("08:00", "19:00"));
    }

    @Test
    void unusualTimeInsideTheUsualHoursOrTheirMarginIsSilent() {
        officeHours();

        assertThat(unusualTime(BERLIN).evaluate(at(berlin("2026-11-20T12:00"), BERLIN_DE))).isEmpty();
        assertThat(unusualTime(BERLIN).evaluate(at(berlin("2026-11-20T08:00"), BERLIN_DE))).isEmpty();
        assertThat(unusualTime(BERLIN).evaluate(at(berlin("2026-11-20T18:59"), BERLIN_DE))).isEmpty();
        assertThat(unusualTime(BERLIN).evaluate(at(berlin("2026-11-20T19:00"), BERLIN_DE))).isPresent();
        assertThat(unusualTime(BERLIN).evaluate(at(berlin("2026-11-20T07:59"), BERLIN_DE))).isPresent();
    }

    @Test
    void unusualTimeStaysSilentUntilTheMinimumHistory() {
        for (int day = 1; day <= 9; day++) {
            signedIn(berlin(String.format("2026-11-%02dT10:00", day)), BERLIN_DE);
        }

        assertThat(unusualTime(BERLIN).evaluate(at(berlin("2026-11-20T03:00"), BERLIN_DE))).as("9 of 10").isEmpty();
        signedIn(berlin("2026-11-10T10:00"), BERLIN_DE);
        assertThat(unusualTime(BERLIN).evaluate(at(berlin("2026-11-20T03:00"), BERLIN_DE))).isPresent();
    }

    @Test
    void unusualTimeOnTheFirstSignInEverIsSilent() {
        assertThat(unusualTime(BERLIN).evaluate(at(berlin("2026-11-20T03:00"), null))).isEmpty();
    }

    @Test
    void unusualTimeFollowsTheZoneAcrossDaylightSavingTime() {
        officeHours();   // November: UTC+1

        // 08:15 Berlin summer time is 06:15 UTC: usual in Berlin (08:00-19:00), early for UTC (07:00-18:00)
        Instant julyMorning = berlin("2027-07-01T08:15");
        assertThat(unusualTime(BERLIN).evaluate(at(julyMorning, BERLIN_DE))).isEmpty();
        assertThat(unusualTime(ZoneId.of("UTC")).evaluate(at(julyMorning, BERLIN_DE))).isPresent();
    }

    @Test
    void unusualTimeHoursMayRunPastMidnight() {
        for (int day = 1; day <= 10; day++) {
            signedIn(berlin(String.format("2026-11-%02dT%s", day, day % 2 == 0 ? "22:30" : "01:15")), BERLIN_DE);
        }

        assertThat(unusualTime(BERLIN).evaluate(at(berlin("2026-11-20T23:59"), BERLIN_DE))).isEmpty();
        assertThat(unusualTime(BERLIN).evaluate(at(berlin("2026-11-20T00:30"), BERLIN_DE))).isEmpty();
        assertThat(unusualTime(BERLIN).evaluate(at(berlin("2026-11-20T12:00"), BERLIN_DE)))
                .contains(RiskReason.of("unusual-time", RiskLevel.LOW).withArgs("21:00", "03:00"));
    }

    @Test
    void unusualTimeIsSilentForSomeoneWhoSignsInAtAllHours() {
        for (int hour = 0; hour < 24; hour += 2) {
            signedIn(berlin(String.format("2026-11-10T%02d:00", hour)), BERLIN_DE);
        }

        assertThat(unusualTime(BERLIN).evaluate(at(berlin("2026-11-20T03:00"), BERLIN_DE))).isEmpty();
    }

    @Test
    void unusualTimeUsesTheUsersOwnZoneWhenTheApplicationGivesOne() {
        officeHours();
        HabitSettings settings = new HabitSettings(RiskLevel.LOW, 10, ZoneId.of("UTC"), RiskLevel.NONE, 900,
                RiskLevel.NONE);

        RiskSignal own = settings.signals(history, MEMORY, user -> ALICE.equals(user) ? BERLIN : null).get(0);
        RiskSignal fallback = settings.signals(history, MEMORY, user -> null).get(0);

        Instant julyMorning = berlin("2027-07-01T08:15");
        assertThat(own.evaluate(at(julyMorning, BERLIN_DE))).isEmpty();
        assertThat(fallback.evaluate(at(julyMorning, BERLIN_DE))).isPresent();
    }

    // --- impossible-travel ---------------------------------------------------------------------------------------

    private ImpossibleTravelSignal travel() {
        return new ImpossibleTravelSignal(history, 900, RiskLevel.HIGH);
    }

    @Test
    void impossibleTravelBerlinToSaoPauloInAnHour() {
        signedIn(berlin("2026-11-20T10:00"), BERLIN_DE);

        assertThat(travel().evaluate(at(berlin("2026-11-20T11:00"), SAO_PAULO_BR)))
                .contains(RiskReason.of("impossible-travel", RiskLevel.HIGH));
        assertThat(travel().evaluate(at(berlin("2026-11-21T10:00"), SAO_PAULO_BR))).as("a day later").isEmpty();
    }

    @Test
    void impossibleTravelBerlinToParisNeedsAboutAnHour() {
        signedIn(berlin("2026-11-20T10:00"), BERLIN_DE);

        // about 878 km between centres, 838 km at least with both radii of 20 km (16 km more once stored rounded)
        assertThat(travel().evaluate(at(berlin("2026-11-20T10:50"), PARIS_FR))).isPresent();
        assertThat(travel().evaluate(at(berlin("2026-11-20T11:00"), PARIS_FR))).isEmpty();
    }

    @Test
    void impossibleTravelTakesTheAccuracyRadiusIntoAccount() {
        signedIn(berlin("2026-11-20T10:00"), BERLIN_DE);
        GeoLocation vague = new GeoLocation("FR", new GeoPoint(48.86, 2.35, 500));

        assertThat(travel().evaluate(at(berlin("2026-11-20T10:30"), vague))).as("Paris ± 500 km in 30 min").isEmpty();
    }

    @Test
    void impossibleTravelNearbyWithinMinutesIsSilent() {
        signedIn(berlin("2026-11-20T10:00"), BERLIN_DE);

        assertThat(travel().evaluate(at(berlin("2026-11-20T10:00:30"), POTSDAM_DE))).isEmpty();
    }

    @Test
    void impossibleTravelWhenTheClockWentBackwardsCountsAMinute() {
        signedIn(berlin("2026-11-20T10:00"), BERLIN_DE);

        assertThat(travel().evaluate(at(berlin("2026-11-20T09:00"), SAO_PAULO_BR))).isPresent();
        assertThat(travel().evaluate(at(berlin("2026-11-20T09:00"), POTSDAM_DE))).isEmpty();
    }

    @Test
    void impossibleTravelWithoutAPlaceHereOrBeforeIsSilent() {
        assertThat(travel().evaluate(at(berlin("2026-11-20T10:00"), SAO_PAULO_BR))).as("first sign-in").isEmpty();
        signedIn(berlin("2026-11-20T10:00"), new GeoLocation("DE", null));
        assertThat(travel().evaluate(at(berlin("2026-11-20T10:05"), SAO_PAULO_BR))).as("no place before").isEmpty();
        signedIn(berlin("2026-11-20T10:06"), BERLIN_DE);
        assertThat(travel().evaluate(at(berlin("2026-11-20T10:10"), null))).as("not in the database").isEmpty();
        assertThat(travel().evaluate(at(berlin("2026-11-20T10:10"), new GeoLocation("BR", null)))).isEmpty();
    }

    @Test
    void impossibleTravelComparesWithTheLatestLocatedSignIn() {
        signedIn(berlin("2026-11-19T10:00"), SAO_PAULO_BR);
        signedIn(berlin("2026-11-20T10:00"), BERLIN_DE);
        signedIn(berlin("2026-11-20T10:30"), null);   // an address the database did not know

        assertThat(travel().evaluate(at(berlin("2026-11-20T11:00"), POTSDAM_DE))).isEmpty();
        assertThat(travel().evaluate(at(berlin("2026-11-20T11:00"), SAO_PAULO_BR))).isPresent();
    }

    // --- new-country ---------------------------------------------------------------------------------------------

    private NewCountrySignal newCountry() {
        return new NewCountrySignal(history, MEMORY, RiskLevel.MEDIUM);
    }

    @Test
    void newCountryNamesTheUsualCountry() {
        signedIn(berlin("2026-11-18T10:00"), BERLIN_DE);
        signedIn(berlin("2026-11-19T10:00"), PARIS_FR);
        signedIn(berlin("2026-11-20T10:00"), POTSDAM_DE);

        assertThat(newCountry().evaluate(at(berlin("2026-11-21T10:00"), SAO_PAULO_BR)))
                .contains(RiskReason.of("new-country", RiskLevel.MEDIUM).withArgs("country:DE"));
        assertThat(newCountry().evaluate(at(berlin("2026-11-21T10:00"), PARIS_FR))).isEmpty();
    }

    @Test
    void newCountryOnTheFirstSignInOrWithoutCountriesBeforeIsSilent() {
        assertThat(newCountry().evaluate(at(berlin("2026-11-21T10:00"), SAO_PAULO_BR))).isEmpty();
        signedIn(berlin("2026-11-20T10:00"), null);
        assertThat(newCountry().evaluate(at(berlin("2026-11-21T10:00"), SAO_PAULO_BR))).isEmpty();
        signedIn(berlin("2026-11-20T11:00"), BERLIN_DE);
        assertThat(newCountry().evaluate(at(berlin("2026-11-21T10:00"), null))).as("unknown here").isEmpty();
        assertThat(newCountry().evaluate(at(berlin("2026-11-21T10:00"), SAO_PAULO_BR))).isPresent();
    }

    @Test
    void newCountryKnownLongerAgoThanTheLatestSignInsButWithinMemoryIsSilent() {
        history.record(ALICE, RiskHistory.Kind.COUNTRY, "FR", berlin("2026-11-01T10:00"));
        for (int i = 0; i < RiskHistory.MAX_SIGN_INS + 5; i++) {
            signedIn(berlin("2026-11-10T10:00").plusSeconds(i), BERLIN_DE);
        }

        assertThat(newCountry().evaluate(at(berlin("2026-11-21T10:00"), PARIS_FR))).isEmpty();
        assertThat(newCountry().evaluate(at(berlin("2026-11-01T10:00").plus(MEMORY).plusSeconds(1), PARIS_FR)))
                .as("forgotten after memory").isPresent();
    }

    // --- settings ------------------------------------------------------------------------------------------------

    @Test
    void habitSignalsAreOffByDefaultAndOnlyThoseTurnedOnAreBuilt() {
        assertThat(HabitSettings.off(BERLIN).signals(history, MEMORY, u -> null)).isEmpty();
        assertThat(HabitSettings.off(BERLIN).needsGeoIp()).isFalse();

        HabitSettings travelOnly = new HabitSettings(RiskLevel.NONE, 10, BERLIN, RiskLevel.HIGH, 900, RiskLevel.NONE);
        assertThat(travelOnly.signals(history, MEMORY, u -> null)).singleElement()
                .isInstanceOf(ImpossibleTravelSignal.class);
        assertThat(travelOnly.needsGeoIp()).isTrue();
    }

    @Test
    void habitSettingsRefuseNonsense() {
        assertThatIllegalArgumentException().isThrownBy(() -> new HabitSettings(RiskLevel.LOW, 0, BERLIN,
                RiskLevel.NONE, 900, RiskLevel.NONE));
        assertThatIllegalArgumentException().isThrownBy(() -> new HabitSettings(RiskLevel.LOW, 10, BERLIN,
                RiskLevel.NONE, 0, RiskLevel.NONE));
        assertThatIllegalArgumentException().isThrownBy(() -> new ImpossibleTravelSignal(history, Double.NaN,
                RiskLevel.HIGH));
    }

    @Test
    void recordLoginKeepsTheLocationOnlyRoundedAndTheCountry() {
        GeoLocation exact = new GeoLocation("DE", new GeoPoint(52.51234, 13.40456, 5));
        history.recordLogin(at(berlin("2026-11-20T10:00"), exact));

        SignIn kept = history.signIns(ALICE).get(0);
        assertThat(kept.location()).isEqualTo(new GeoLocation("DE", new GeoPoint(52.5, 13.4, 5 + 2)));
        assertThat(history.lastSeen(ALICE, RiskHistory.Kind.COUNTRY, "DE")).contains(berlin("2026-11-20T10:00"));
        assertThat(List.of(kept.location().point().latitude())).doesNotContain(52.51234);
    }
}
