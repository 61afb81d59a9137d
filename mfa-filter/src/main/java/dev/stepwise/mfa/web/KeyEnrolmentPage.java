package dev.stepwise.mfa.web;

import dev.stepwise.mfa.factor.KeyEnrolment;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The model of {@code totp-enroll.jsp}: an authenticator app is set up in two steps — the page offers a key (a
 * GET makes none), its POST makes the key and shows it, a code confirms it.
 *
 * @param links  the forms' token and targets
 * @param offer  only the offer: no key made yet
 * @param qr     the key's QR code as inline SVG (written as markup, so only the plain shape the library's QR
 *               encoder draws is kept: one {@code <rect>} and one {@code <path>} of moves; anything else a factor
 *               hands over is dropped and the page shows the key as text only), or {@code null}
 * @param secret the key in groups of four, or {@code null}
 * @param uri    the {@code otpauth://} URI, or {@code null}
 * @param error  message key of what went wrong, or {@code null}
 */
public record KeyEnrolmentPage(PageLinks links, boolean offer, String qr, String secret, String uri, String error) {

    /** The only markup written unescaped: the shape of the library's QR encoder (factor.totp.QrSvg). */
    private static final Pattern PLAIN_QR = Pattern.compile("<svg xmlns=\"http://www\\.w3\\.org/2000/svg\" "
            + "version=\"1\\.1\" viewBox=\"0 0 [0-9]{1,4} [0-9]{1,4}\" width=\"[0-9]{1,5}\" height=\"[0-9]{1,5}\" "
            + "shape-rendering=\"crispEdges\" aria-hidden=\"true\"><rect width=\"[0-9]{1,4}\" height=\"[0-9]{1,4}\" "
            + "fill=\"#ffffff\"/><path fill=\"#000000\" d=\"[Mhvz0-9 -]*\"/></svg>");

    /**
     * Checks the components.
     * @param links the forms' token and targets
     * @param offer only the offer: no key made yet
     * @param qr the key's QR code as inline SVG (written as markup, so only the plain shape the library's QR encoder draws is kept: one {@code <rect>} and one {@code <path>} of moves; anything else a factor hands over is dropped and the page shows the key as text only), or {@code null}
     * @param secret the key in groups of four, or {@code null}
     * @param uri the {@code otpauth://} URI, or {@code null}
     * @param error message key of what went wrong, or {@code null}
     */
    public KeyEnrolmentPage {
        Objects.requireNonNull(links, "links");
        if (qr != null && !PLAIN_QR.matcher(qr).matches()) {
            qr = null;
        }
    }

    /** The offer: a button that makes the key. */
    static KeyEnrolmentPage offering(PageLinks links) {
        return new KeyEnrolmentPage(links, true, null, null, null, null);
    }

    /** A new key to scan or type. */
    static KeyEnrolmentPage showing(PageLinks links, KeyEnrolment.KeyOffer key) {
        return new KeyEnrolmentPage(links, false, key.qrSvg(), key.groupedSecret(), key.uri(), null);
    }

    /** A code that did not confirm the key (the key is not shown again: the user has it). */
    static KeyEnrolmentPage failed(PageLinks links, String error) {
        return new KeyEnrolmentPage(links, false, null, null, null, Objects.requireNonNull(error, "error"));
    }

    /** Keeps the key out of logs. */
    @Override
    public String toString() {
        return "KeyEnrolmentPage[offer=" + offer + ", error=" + error + "]";
    }
}
