package dev.stepwise.sample.it;

import dev.stepwise.mfa.StepUp;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Test-only servlets for the ways a request reaches a protected servlet: each answers with a line naming itself
 * and the caller ("protected ran for tc…"), so a test sees whether it ran.
 */
public final class RoutingProbes {

    private RoutingProbes() {
    }

    private static void ran(String what, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain;charset=UTF-8");
        resp.getWriter().println(what + " ran for " + req.getUserPrincipal().getName());
    }

    /** {@code /it/protected}: a step-up of one minute, and no CSRF check of the application's own. */
    @WebServlet("/it/protected")
    public static class Protected extends HttpServlet {
        @Override
        @StepUp(maxAge = "PT1M")
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            ran("protected", req, resp);
        }

        @Override
        @StepUp(maxAge = "PT1M")
        protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            ran("protected", req, resp);
        }
    }

    /** {@code GET /it/dispatch/forward|include|async}: reaches {@link Protected} by that dispatch. */
    @WebServlet(urlPatterns = "/it/dispatch/*", asyncSupported = true)
    public static class Dispatch extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
            String how = String.valueOf(req.getPathInfo());
            switch (how) {
                case "/forward" -> req.getRequestDispatcher("/it/protected").forward(req, resp);
                case "/include" -> {
                    resp.setContentType("text/plain;charset=UTF-8");
                    resp.getWriter().println("before the include");
                    req.getRequestDispatcher("/it/protected").include(req, resp);
                    resp.getWriter().println("after the include");
                }
                case "/async" -> {
                    AsyncContext async = req.startAsync();
                    async.dispatch("/it/protected");
                }
                default -> resp.sendError(HttpServletResponse.SC_NOT_FOUND);
            }
        }
    }

    /** {@code /it/service-annotated}: the step-up sits on {@code service}, so it holds for every method. */
    @WebServlet("/it/service-annotated")
    public static class ServiceAnnotated extends HttpServlet {
        @Override
        @StepUp(maxAge = "PT1M")
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            ran("service-annotated", req, resp);
        }
    }

    /** {@code POST /it/webauthn-only}: only a security key counts (the deployment adds a pattern as well). */
    @WebServlet("/it/webauthn-only")
    public static class WebAuthnOnly extends HttpServlet {
        @Override
        @StepUp(factors = "webauthn")
        protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            ran("webauthn-only", req, resp);
        }
    }

    /** {@code /it/plain} and everything below it: no annotation, protected by a pattern only. */
    @WebServlet("/it/plain/*")
    public static class Plain extends HttpServlet {
        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            ran("plain", req, resp);
        }
    }
}
