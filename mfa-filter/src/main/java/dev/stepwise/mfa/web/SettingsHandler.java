package dev.stepwise.mfa.web;

/**
 * What each part of the settings pages ({@link SettingsServlet}) works with: the request it answers, and
 * {@link SettingsAccess}, which decides who may change what.
 */
abstract class SettingsHandler {

    final PageCall call;
    final SettingsAccess access;

    SettingsHandler(PageCall call, SettingsAccess access) {
        this.call = call;
        this.access = access;
    }
}
