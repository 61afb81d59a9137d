package dev.stepwise.sample.it;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Test-only: gives every page and file of the sample, the library's (under {@code /mfa/}) and the bank's own, the
 * strict Content-Security-Policy the README says they support: no inline style, script or event handler, nothing
 * from another origin.
 */
@WebFilter("/*")
public class StrictCspFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    /** The policy {@link StrictCspIT} checks the pages against. */
    static final String POLICY = "default-src 'self'";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("Content-Security-Policy", POLICY);
        chain.doFilter(request, response);
    }
}
