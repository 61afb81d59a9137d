package dev.stepwise.mfa.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;

import java.io.IOException;

/**
 * The application's code as the filter calls it: the chain, and the container's login
 * ({@code request.authenticate}, which runs the application's authentication mechanism and identity store).
 * It remembers what they threw, so a failure of the application is passed on unchanged and never taken for the
 * library's ({@link MfaFilter}).
 */
final class Downstream implements FilterChain {

    /** A call into the application. */
    @FunctionalInterface
    interface Call<T> {
        T run() throws IOException, ServletException;
    }

    private final FilterChain chain;
    private Throwable thrown;

    Downstream(FilterChain chain) {
        this.chain = chain;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response) throws IOException, ServletException {
        call(() -> {
            chain.doFilter(request, response);
            return null;
        });
    }

    /** Runs {@code call}, remembering what it throws. */
    <T> T call(Call<T> call) throws IOException, ServletException {
        try {
            return call.run();
        } catch (Throwable t) {
            thrown = t;
            throw t;
        }
    }

    /** Whether {@code t} is what the application's code threw. */
    boolean threw(Throwable t) {
        return t == thrown;
    }
}
