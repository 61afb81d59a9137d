package dev.stepwise.bench.noop;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * A filter on {@code /*} that does nothing. In plain-noop.war (CDI on), against mfa.war, it leaves what the Stepwise
 * MFA filter's own logic costs beyond the container's price for any filter and for CDI; in plain-filter.war (CDI
 * off: no beans.xml, no bean-defining annotation), against plain.war, it gives the price of any filter.
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
