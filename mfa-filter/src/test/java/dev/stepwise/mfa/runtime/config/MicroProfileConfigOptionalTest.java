package dev.stepwise.mfa.runtime.config;

import dev.stepwise.mfa.OptionalApis;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A server without MicroProfile Config (a plain servlet container, a Web Profile server) must deploy the library
 * exactly as before. CDI introspects bean classes (fields, constructors, methods), and the servlet container the
 * listener that reads the configuration, so only {@link MicroProfileSource} may name a MicroProfile type, and it
 * is loaded only when the API is there. Checked by loading every class of the library in a class loader without
 * {@code org.eclipse.microprofile.config} and reflecting on it, then detecting the config there.
 */
class MicroProfileConfigOptionalTest {

    @Test
    void noClassButTheAdapterNamesAMicroProfileTypeInASignature() throws Exception {
        assertThat(OptionalApis.libraryClasses()).contains("dev.stepwise.mfa.web.MfaBootstrap",
                MicroProfileConfig.class.getName());
        try (URLClassLoader withoutMp = withoutMicroProfile()) {
            // the adapter is loaded only once the API has been seen; Mail is MailOptionalTest's business
            assertThat(OptionalApis.failingClasses(withoutMp, Set.of(MicroProfileSource.class.getName()),
                    "jakarta/mail")).isEmpty();
        }
    }

    @Test
    void withoutMicroProfileConfigTheSourceSetsNothing() throws Exception {
        try (URLClassLoader withoutMp = withoutMicroProfile()) {
            Class<?> detector = Class.forName(MicroProfileConfig.class.getName(), true, withoutMp);
            Object source = detector.getMethod("detect", ClassLoader.class).invoke(null, withoutMp);
            Method lookup = source.getClass().getInterfaces()[0].getMethod("lookup", String.class);

            assertThat(lookup.invoke(source, "stepwise.mfa.trust.duration")).isNull();
            assertThat(detector.getDeclaredMethod("present", ClassLoader.class)).isNotNull();
        }
    }

    @Test
    void withMicroProfileConfigTheApiIsSeen() {
        assertThat(MicroProfileConfig.present(getClass().getClassLoader())).isTrue();
    }

    @Test
    void theApiWithoutAnImplementationFailsTheDeploymentRatherThanIgnoreItsValues() {
        // the test class path has the API but no implementation
        assertThatThrownBy(() -> MicroProfileConfig.detect(getClass().getClassLoader()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("gives no configuration");
    }

    @Test
    void whatNamesMicroProfileIsNoBeanAndTheCheckSeesIt() throws Exception {
        assertThat(MicroProfileSource.class.getAnnotations()).isEmpty(); // bean-discovery-mode="annotated"
        try (URLClassLoader withoutMp = withoutMicroProfile()) {
            Class<?> adapter = Class.forName(MicroProfileSource.class.getName(), false, withoutMp);
            assertThatThrownBy(adapter::getDeclaredMethods).isInstanceOf(NoClassDefFoundError.class)
                    .hasMessageContaining("org/eclipse/microprofile/config");
        }
    }

    /** The test class path, with MicroProfile Config hidden. */
    private static URLClassLoader withoutMicroProfile() {
        return OptionalApis.without("a server without MicroProfile Config", "org.eclipse.microprofile.config.");
    }
}
