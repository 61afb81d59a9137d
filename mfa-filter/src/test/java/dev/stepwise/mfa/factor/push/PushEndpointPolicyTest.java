package dev.stepwise.mfa.factor.push;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A subscription's endpoint comes from the browser: the server must not post wherever it is told (SSRF). */
class PushEndpointPolicyTest {

    /** A resolver for made-up names, so no test depends on DNS. */
    private static final PushEndpointPolicy.Resolver NAMES = host -> {
        Map<String, String> table = Map.of(
                "push.example.net", "93.184.215.14",
                "rebind.example.net", "10.0.0.7",
                "mixed.example.net", "93.184.215.14,127.0.0.1",
                "metadata.example.net", "169.254.169.254",
                "v6.example.net", "fd00::1");
        String addresses = table.get(host);
        if (addresses == null) {
            if (Character.isDigit(host.charAt(0)) || host.contains(":")) {
                return new InetAddress[] {InetAddress.getByName(host)}; // a literal: no lookup
            }
            throw new UnknownHostException(host);
        }
        String[] parts = addresses.split(",");
        InetAddress[] out = new InetAddress[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = InetAddress.getByName(parts[i]);
        }
        return out;
    };

    private final PushEndpointPolicy strict = PushEndpointPolicy.strict(NAMES);

    @Test
    void aPublicHttpsEndpointIsAllowed() {
        assertThat(strict.refusal(URI.create("https://push.example.net/wpush/v2/abc"))).isEmpty();
        assertThat(strict.refusal(URI.create("https://push.example.net:443/wpush/v2/abc"))).isEmpty();
        assertThat(strict.refusal(URI.create("https://[2a00:1450:4001::200e]/wpush"))).isEmpty();
    }

    @Test
    void plainHttpIsRefused() {
        assertThat(strict.refusal(URI.create("http://push.example.net/abc"))).contains("the endpoint is not an "
                + "https URL");
        assertThat(strict.refusal(URI.create("ftp://push.example.net/abc"))).isPresent();
    }

    @Test
    void loopbackPrivateLinkLocalAndUniqueLocalAddressesAreRefused() {
        for (String url : new String[] {"https://127.0.0.1/x", "https://[::1]/x", "https://10.1.2.3/x",
                "https://172.16.0.1/x", "https://192.168.1.1/x", "https://169.254.169.254/latest/meta-data",
                "https://[fd12:3456::1]/x", "https://[fe80::1]/x", "https://0.0.0.0/x", "https://100.64.0.1/x",
                "https://[::ffff:127.0.0.1]/x", "https://224.0.0.1/x", "https://255.255.255.255/x",
                "https://[64:ff9b::a00:1]/x", "https://[2002:a00:1::1]/x"}) {
            assertThat(strict.refusal(URI.create(url))).as(url).isPresent();
        }
    }

    @Test
    void aNameResolvingToAnyNonPublicAddressIsRefused() {
        for (String host : new String[] {"rebind", "mixed", "metadata", "v6"}) {
            URI url = URI.create("https://" + host + ".example.net/x");
            assertThat(strict.refusal(url)).as(host).contains("the endpoint's host has a loopback, private or "
                    + "otherwise non-public address");
        }
    }

    @Test
    void anUnknownNameUserInfoAnotherPortOrAFragmentIsRefused() {
        assertThat(strict.refusal(URI.create("https://nowhere.example.net/x"))).contains("the endpoint's host does "
                + "not resolve");
        assertThat(strict.refusal(URI.create("https://user:pw@push.example.net/x"))).isPresent();
        assertThat(strict.refusal(URI.create("https://push.example.net:8443/x"))).contains("the endpoint is not on "
                + "port 443");
        assertThat(strict.refusal(URI.create("https://push.example.net/x#f"))).isPresent();
    }

    @Test
    void theReasonNeverRepeatsTheUrl() {
        assertThat(strict.refusal(URI.create("http://push.example.net/secret-path-123")).orElseThrow())
                .doesNotContain("secret-path-123").doesNotContain("push.example.net");
    }

    @Test
    void onlyTheExplicitTestOptInAllowsLocalEndpoints() {
        PushEndpointPolicy local = PushEndpointPolicy.allowingLocalEndpoints();
        assertThat(local.allowsLocalEndpoints()).isTrue();
        assertThat(strict.allowsLocalEndpoints()).isFalse();
        assertThat(PushEndpointPolicy.strict().allowsLocalEndpoints()).isFalse();
        assertThat(local.refusal(URI.create("http://127.0.0.1:8080/push"))).isEmpty();
        assertThat(local.refusal(URI.create("ftp://127.0.0.1/push"))).isPresent();
    }
}
