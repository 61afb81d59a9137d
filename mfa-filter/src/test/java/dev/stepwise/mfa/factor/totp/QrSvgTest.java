package dev.stepwise.mfa.factor.totp;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * zxing core cannot decode without its javase module, so the SVG is checked against the encoder's own matrix:
 * every dark module is drawn exactly once, nothing else is.
 */
class QrSvgTest {

    private static final String SVG_NS = "http://www.w3.org/2000/svg";
    private static final Pattern RUN = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-(\\d+)z");
    private static final String URI = OtpAuthUri.totp(TotpSecret.generate(), "Example Bank", "alice@example.com",
            TotpSettings.defaults());

    @Test
    void renderWhenOtpauthUriThenWellFormedSvgWithOnePath() throws Exception {
        Document doc = parse(QrSvg.render(URI));

        Element svg = doc.getDocumentElement();
        assertThat(svg.getLocalName()).isEqualTo("svg");
        assertThat(svg.getNamespaceURI()).isEqualTo(SVG_NS);
        assertThat(svg.getAttribute("viewBox")).matches("0 0 \\d+ \\d+");
        assertThat(doc.getElementsByTagNameNS(SVG_NS, "path").getLength()).isEqualTo(1);
        assertThat(doc.getElementsByTagNameNS(SVG_NS, "rect").getLength()).isEqualTo(1);
        assertThat(doc.getElementsByTagNameNS(SVG_NS, "image").getLength()).isZero();
    }

    @Test
    void renderWhenOtpauthUriThenDrawsExactlyTheEncodersDarkModules() throws Exception {
        BitMatrix expected = encode(URI);

        Document doc = parse(QrSvg.render(URI));
        int size = expected.getWidth() + 2 * QrSvg.QUIET_ZONE;
        assertThat(doc.getDocumentElement().getAttribute("viewBox")).isEqualTo("0 0 " + size + " " + size);

        boolean[][] drawn = draw(pathData(doc), size);
        int darkModules = 0;
        int drawnSquares = 0;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int mx = x - QrSvg.QUIET_ZONE;
                int my = y - QrSvg.QUIET_ZONE;
                boolean inSymbol = mx >= 0 && my >= 0 && mx < expected.getWidth() && my < expected.getHeight();
                boolean dark = inSymbol && expected.get(mx, my);
                assertThat(drawn[y][x]).as("module (%d,%d)", x, y).isEqualTo(dark);   // quiet zone stays light
                darkModules += dark ? 1 : 0;
                drawnSquares += drawn[y][x] ? 1 : 0;
            }
        }
        assertThat(drawnSquares).isEqualTo(darkModules).isPositive();
    }

    @Test
    void renderWhenLongerTextThenLargerSymbolAndImage() throws Exception {
        Element small = parse(QrSvg.render("otpauth://totp/a:b?secret=AAAA")).getDocumentElement();
        Element large = parse(QrSvg.render(URI + "&x=" + "A".repeat(300))).getDocumentElement();

        int smallSize = viewSize(small);
        int largeSize = viewSize(large);
        assertThat(smallSize).isEqualTo(encode("otpauth://totp/a:b?secret=AAAA").getWidth() + 8);
        assertThat(largeSize).isGreaterThan(smallSize);
        assertThat(Integer.parseInt(large.getAttribute("width"))).isEqualTo(largeSize * QrSvg.MODULE_PIXELS);
        assertThat(Integer.parseInt(small.getAttribute("height"))).isEqualTo(smallSize * QrSvg.MODULE_PIXELS);
    }

    @Test
    void renderWhenSmallMatrixThenOneRectanglePerHorizontalRun() {
        BitMatrix m = new BitMatrix(3, 2);
        m.set(0, 0);
        m.set(1, 0);
        m.set(2, 1);

        String svg = QrSvg.render(m);

        assertThat(svg).contains("viewBox=\"0 0 11 10\"")
                .contains("d=\"M4 4h2v1h-2zM6 5h1v1h-1z\"");
    }

    @Test
    void renderWhenTextTooLongForAQrCodeThenRefusedWithoutEchoingIt() {
        String tooLong = "SECRET" + "x".repeat(5000);
        assertThatThrownBy(() -> QrSvg.render(tooLong))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("SECRET");
    }

    private static BitMatrix encode(String text) throws Exception {
        return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
                Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 0));
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    private static String pathData(Document doc) {
        return ((Element) doc.getElementsByTagNameNS(SVG_NS, "path").item(0)).getAttribute("d");
    }

    /** Paints the path's rectangles on a grid, failing if one overlaps another or its commands are unexpected. */
    private static boolean[][] draw(String d, int size) {
        boolean[][] grid = new boolean[size][size];
        Matcher run = RUN.matcher(d);
        int consumed = 0;
        while (run.find()) {
            assertThat(run.start()).as("only run rectangles in the path").isEqualTo(consumed);
            consumed = run.end();
            int x = Integer.parseInt(run.group(1));
            int y = Integer.parseInt(run.group(2));
            int length = Integer.parseInt(run.group(3));
            assertThat(run.group(4)).isEqualTo(run.group(3));
            for (int i = 0; i < length; i++) {
                assertThat(grid[y][x + i]).as("square (%d,%d) drawn twice", x + i, y).isFalse();
                grid[y][x + i] = true;
            }
        }
        assertThat(consumed).isEqualTo(d.length());
        return grid;
    }

    private static int viewSize(Element svg) {
        String[] box = svg.getAttribute("viewBox").split(" ");
        assertThat(box[2]).isEqualTo(box[3]);
        return Integer.parseInt(box[2]);
    }
}
