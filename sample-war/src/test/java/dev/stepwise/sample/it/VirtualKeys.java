package dev.stepwise.sample.it;

import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.Credential;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

import java.net.URL;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Security keys in Chromium for the browser tests: Chrome's virtual authenticators (CTAP2 over USB, user
 * verification on), plugged in empty or holding a key taken from another, and the sample's password sign-in.
 */
final class VirtualKeys {

    private VirtualKeys() {
    }

    /** A new virtual authenticator in {@code chromium} that verifies the user, empty or holding {@code key}. */
    static VirtualAuthenticator plugIn(ChromeDriver chromium, Credential key) {
        return plugIn(chromium, key, true);
    }

    /**
     * A new virtual authenticator in {@code chromium}, empty or holding {@code key}: it can verify the user (PIN or
     * fingerprint), and that verification succeeds only if {@code userVerified}.
     */
    static VirtualAuthenticator plugIn(ChromeDriver chromium, Credential key, boolean userVerified) {
        VirtualAuthenticator authenticator = chromium.addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                .setTransport(VirtualAuthenticatorOptions.Transport.USB)
                .setHasResidentKey(false).setHasUserVerification(true).setIsUserVerified(userVerified)
                .setIsUserConsenting(true));
        if (key != null) {
            authenticator.addCredential(key);
        }
        return authenticator;
    }

    /** Takes the authenticator away and returns its one credential, with its counter as it is now. */
    static Credential unplug(ChromeDriver chromium, VirtualAuthenticator authenticator) {
        List<Credential> credentials = authenticator.getCredentials();
        assertThat(credentials).hasSize(1);
        chromium.removeVirtualAuthenticator(authenticator);
        return credentials.get(0);
    }

    /** Signs {@code user} in with their password on the sample's login page. */
    static void signIn(ChromeDriver chromium, WebDriverWait wait, URL base, String user) {
        chromium.get(SampleDeployment.resolve(base, "login").toString());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username"))).sendKeys(user);
        chromium.findElement(By.id("password")).sendKeys(TestUsers.password(user));
        chromium.findElement(By.cssSelector("#login button[type=submit]")).click();
    }
}
