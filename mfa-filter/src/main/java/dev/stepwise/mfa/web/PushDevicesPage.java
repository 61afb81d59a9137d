package dev.stepwise.mfa.web;

import dev.stepwise.mfa.factor.push.StoredPushSubscription;

import java.util.List;
import java.util.Objects;

/**
 * The model of {@code push-devices.jsp}: the user's devices for push codes, and what the page's script needs to
 * register this browser.
 *
 * @param links                the forms' token and targets
 * @param applicationServerKey the VAPID public key the browser subscribes with, or {@code null} when this page
 *                             cannot register devices
 * @param devices              the user's devices, oldest first
 * @param error                message key of why the last request was refused, or {@code null}
 * @param notice               message key of what the last request did, or {@code null}
 */
public record PushDevicesPage(PageLinks links, String applicationServerKey, List<StoredPushSubscription> devices,
                              String error, String notice) {

    /**
     * Checks the components.
     *
     * @param links                the forms' token and targets
     * @param applicationServerKey the VAPID public key, or {@code null}
     * @param devices              the devices
     * @param error                a message key, or {@code null}
     * @param notice               a message key, or {@code null}
     */
    public PushDevicesPage {
        Objects.requireNonNull(links, "links");
        devices = List.copyOf(devices);
    }
}
