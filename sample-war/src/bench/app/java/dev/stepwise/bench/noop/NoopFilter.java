package dev.stepwise.bench.noop;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Only in plain-noop.war: a filter on {@code /*} that does nothing, with CDI on. Against mfa.war it leaves what
 * the Stepwise MFA filter's own logic costs, beyond the container's price for any filter and for CDI.
 */
@WebFilter("/*")
public class NoopFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        chain.doFilter(request, response);
    }
}
