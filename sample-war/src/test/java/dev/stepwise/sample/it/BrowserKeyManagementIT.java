package dev.stepwise.sample.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.virtualauthenticator.Credential;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Key management in a real headless Chromium with Chrome's virtual authenticators (CTAP2 over USB, user
 * verification on): a user registers two security keys, signs in with each, renames one (the name, HTML and all,
 * is shown as text), removes the other behind the step-up she just passed, and the removed key is then refused
 * even when a tampered page asks the authenticator for it. An administrator's overview lists the keys by name and
 * last use. Each key lives in its own authenticator, plugged in only while it is used (its credential, counter
 * included, is carried over between sessions), so the test decides which key signs.
 */
@ExtendWith(ArquillianExtension.class)
class BrowserKeyManagementIT extends ChromiumByName {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return keysWar(new String[0]);
    }

    @Test
    void twoKeysSignInEachOneIsRenamedTheOtherRemovedAndThenRefused(@TempDir Path profile) throws Exception {
        String user = TestUsers.withoutFactor();
        startChromium(profile);

        // 1. The first key; the settings then list it and suggest a backup key.
        VirtualAuthenticator blue = plugIn(null);
        signIn(user);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("transfer")));
        register("Blue key");
        settings();
        assertThat(keyNames()).containsExactly("Blue key");
        assertThat(chromium.findElement(By.id("stepwise-backup-key")).getText()).contains("Add a second one");
        Credential blueKey = unplug(blue);

        // 2. "Add another key" is there while a key exists; the second key ends the suggestion.
        VirtualAuthenticator green = plugIn(null);
        chromium.findElement(By.id("stepwise-add-another-key")).click();
        register("Green key");
        settings();
        assertThat(keyNames()).containsExactly("Blue key", "Green key");
        assertThat(chromium.findElements(By.id("stepwise-backup-key"))).isEmpty();
        assertThat(chromium.findElement(By.id("stepwise-keys")).getText()).contains("security key")
                .contains("not used yet");
        Credential greenKey = unplug(green);

        // 3. She signs in with each key, in a browser the site does not know.
        blueKey = unplug(signInWithKey(user, blueKey));
        VirtualAuthenticator greenPlugged = signInWithKey(user, greenKey);

        // 4. She renames the blue key; the name is text, never markup.
        settings();
        WebElement renameBlue = chromium.findElements(By.cssSelector("form.stepwise-key-rename")).get(0);
        WebElement nameField = renameBlue.findElement(By.name("name"));
        nameField.clear();
        nameField.sendKeys("<b>Office</b> key");
        renameBlue.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("stepwise-done"), "The key was renamed."));
        assertThat(keyNames()).containsExactly("<b>Office</b> key", "Green key");
        assertThat(chromium.findElements(By.cssSelector("#stepwise-keys b"))).isEmpty();
        assertThat(chromium.findElement(By.id("stepwise-keys")).getText()).doesNotContain("not used yet");

        // 5. She removes the renamed key (her step-up with the green key is fresh): only the green one is left.
        chromium.findElements(By.cssSelector("form.stepwise-key-remove")).get(0)
                .findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("stepwise-done"), "The key was removed."));
        assertThat(keyNames()).containsExactly("Green key");
        assertThat(chromium.findElement(By.id("stepwise-backup-key")).isDisplayed()).isTrue();
        unplug(greenPlugged);

        // 6. The removed key is refused, even when a tampered page asks the authenticator for it.
        chromium.manage().deleteAllCookies();
        plugIn(blueKey);
        signIn(user);
        WebElement challenge = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("form[data-stepwise-webauthn=get]")));
        chromium.executeScript("var f = arguments[0], o = JSON.parse(f.dataset.options);"
                + "o.allowCredentials = [{type: 'public-key', id: arguments[1]}];"
                + "f.dataset.options = JSON.stringify(o);", challenge,
                Base64.getUrlEncoder().withoutPadding().encodeToString(blueKey.getId()));
        challenge.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("stepwise-error")));
        assertThat(chromium.findElement(By.id("stepwise-error")).getText()).contains("could not be confirmed");
        assertThat(chromium.findElements(By.id("transfer"))).isEmpty();

        // 7. An administrator sees her one key by name and last use, never its id.
        //    The audit trail on the same page has one event for the rename and one for the removal.
        String page = adminOverview(user);
        String keys = page.substring(page.indexOf("<ul id=\"overview-keys\">"), page.indexOf("Exemption until"));
        assertThat(page).contains("Security keys and passkeys: 1");
        assertThat(keys).contains("Green key").contains("(security-key)").doesNotContain("Office")
                .doesNotContain("overview-key-used\">never");
        assertThat(page).doesNotContain(Base64.getUrlEncoder().withoutPadding().encodeToString(greenKey.getId()))
                .doesNotContain(Base64.getUrlEncoder().withoutPadding().encodeToString(blueKey.getId()));
        assertThat(countOf(page, "event=key-renamed user=" + user)).isEqualTo(1);
        assertThat(countOf(page, "event=key-removed user=" + user)).isEqualTo(1);
    }

    private static int countOf(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    /** Signs in from a browser the site does not know, answering the challenge with {@code key}; plugged in. */
    private VirtualAuthenticator signInWithKey(String user, Credential key) {
        chromium.manage().deleteAllCookies();
        VirtualAuthenticator plugged = plugIn(key);
        signIn(user);
        WebElement challenge = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("form[data-stepwise-webauthn=get]")));
        challenge.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("transfer")));
        return plugged;
    }

    /** Registers a key with the plugged-in authenticator under {@code name}. */
    private void register(String name) {
        if (!chromium.getCurrentUrl().endsWith("/mfa/settings/webauthn")) {
            chromium.get(SampleDeployment.resolve(base, "mfa/settings/webauthn").toString());
        }
        WebElement field = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("stepwise-key-name")));
        field.sendKeys(name);
        chromium.findElement(By.cssSelector("#stepwise-webauthn-register button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"),
                "Your security key or passkey is added."));
    }

    private void settings() {
        chromium.get(SampleDeployment.resolve(base, "mfa/settings").toString());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("stepwise-factors")));
    }

    private List<String> keyNames() {
        return chromium.findElements(By.cssSelector("#stepwise-keys .stepwise-key-name")).stream()
                .map(WebElement::getText).toList();
    }

    private VirtualAuthenticator plugIn(Credential key) {
        return VirtualKeys.plugIn(chromium, key);
    }

    private Credential unplug(VirtualAuthenticator authenticator) {
        return VirtualKeys.unplug(chromium, authenticator);
    }

    private void signIn(String user) {
        VirtualKeys.signIn(chromium, wait, base, user);
    }

    /** The admin page's overview of {@code user}, as an administrator who passed the test factor sees it. */
    private String adminOverview(String user) throws Exception {
        Visitor admin = new Visitor(base).signInWithTestCode(TestUsers.admin());
        HttpResponse<String> page = admin.get("admin?user=" + user);
        if (page.statusCode() == 303) {
            page = admin.followAll(admin.answerChallenge(admin.follow(page), TestCodeFactor.ID, TestCodeFactor.CODE));
        }
        assertThat(page.statusCode()).isEqualTo(200);
        return page.body();
    }

    private void startChromium(Path profile) {
        startChromium(HeadlessChromium.options(profile));
        // a settings form's POST answers 303 to the page again: while the old page goes, reading its note may fail
        // with "node does not belong to the document" (not a stale-element error): the wait tries again
        wait.ignoring(WebDriverException.class);
    }
}
