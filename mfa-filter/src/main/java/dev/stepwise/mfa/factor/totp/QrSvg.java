package dev.stepwise.mfa.factor.totp;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

import java.util.Map;
import java.util.Objects;

/**
 * Renders a QR code as inline SVG, so the enrolment page needs no image service (the secret never leaves the
 * server) and no extra request. zxing's {@link QRCodeWriter} encodes; this class only draws the modules.
 *
 * <pre>{@code
 * String svg = QrSvg.render(OtpAuthUri.totp(secret, "Example Bank", "alice", settings));
 * // <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 45 45" …><rect …/><path d="M4 4h7v1h-7z…"/></svg>
 * }</pre>
 *
 * <p>One {@code <svg>} with a white background {@code <rect>} and one black {@code <path>}: each horizontal run
 * of dark modules is one {@code M x y h n v1 h -n z} rectangle in module units. The quiet zone is
 * {@value #QUIET_ZONE} modules on every side (ISO/IEC 18004 §6.3.8). The output contains nothing but numbers
 * from the matrix, so it is safe to write into a page unescaped.
 * The drawing is {@code aria-hidden}: the page around it gives it its (localized) name, as {@code totp-enroll.jsp}
 * does with {@code role="img"} and {@code aria-label}.
 */
public final class QrSvg {

    /** Light border around the symbol, in modules (ISO/IEC 18004 §6.3.8 asks for 4). */
    public static final int QUIET_ZONE = 4;

    /** Rendered size of one module in CSS pixels (the image scales freely: it is a vector). */
    public static final int MODULE_PIXELS = 5;

    private QrSvg() {
    }

    /**
     * Encodes {@code text} (error correction M, 15 %) and renders it.
     *
     * @param text the text
     * @return the QR code as an SVG document
     * @throws IllegalArgumentException if {@code text} is empty or too long for a QR code
     */
    public static String render(String text) {
        Objects.requireNonNull(text, "text");
        try {
            // margin 0: the quiet zone is drawn here, in module units, rather than scaled by zxing
            BitMatrix matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 0));
            return render(matrix);
        } catch (WriterException | IllegalArgumentException e) {
            // the text may hold a secret: it is not repeated in the message
            throw new IllegalArgumentException("cannot encode this text as a QR code", e);
        }
    }

    /**
     * Renders {@code matrix} (one bit per module, no margin) with a quiet zone.
     *
     * @param matrix the matrix
     * @return the QR code as an SVG document
     */
    public static String render(BitMatrix matrix) {
        Objects.requireNonNull(matrix, "matrix");
        int width = matrix.getWidth();
        int height = matrix.getHeight();
        int viewWidth = width + 2 * QUIET_ZONE;
        int viewHeight = height + 2 * QUIET_ZONE;
        StringBuilder svg = new StringBuilder(256 + width * height * 2);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\"")
                .append(" viewBox=\"0 0 ").append(viewWidth).append(' ').append(viewHeight).append('"')
                .append(" width=\"").append(viewWidth * MODULE_PIXELS).append('"')
                .append(" height=\"").append(viewHeight * MODULE_PIXELS).append('"')
                .append(" shape-rendering=\"crispEdges\" aria-hidden=\"true\">")
                .append("<rect width=\"").append(viewWidth).append("\" height=\"").append(viewHeight)
                .append("\" fill=\"#ffffff\"/>")
                .append("<path fill=\"#000000\" d=\"");
        for (int y = 0; y < height; y++) {
            int x = 0;
            while (x < width) {
                if (!matrix.get(x, y)) {
                    x++;
                    continue;
                }
                int start = x;
                while (x < width && matrix.get(x, y)) {
                    x++;
                }
                int run = x - start;
                svg.append('M').append(start + QUIET_ZONE).append(' ').append(y + QUIET_ZONE)
                        .append('h').append(run).append("v1h-").append(run).append('z');
            }
        }
        return svg.append("\"/></svg>").toString();
    }
}
