package dev.stepwise.mfa.factor.push;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECField;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.EllipticCurve;
import java.util.Arrays;

/**
 * NIST P-256 keys in the forms Web Push uses: a public key as the 65-octet uncompressed point (SEC 1 §2.3.3,
 * {@code 0x04 || x || y}), as the browser's {@code p256dh} and the VAPID {@code k=} carry it; a private key as the
 * 32-octet scalar. JDK crypto only.
 */
final class P256 {

    /** Octets of an uncompressed point. */
    static final int POINT_BYTES = 65;
    /** Octets of a coordinate or of a private scalar. */
    static final int FIELD_BYTES = 32;

    /** JWS ES256 (RFC 7518 §3.4): ECDSA P-256 SHA-256, the signature as R || S (64 octets). */
    static final String ES256 = "SHA256withECDSAinP1363Format";

    static final ECParameterSpec PARAMS = params();

    private P256() {
    }

    private static ECParameterSpec params() {
        try {
            AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
            p.init(new ECGenParameterSpec("secp256r1"));
            return p.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no P-256", e);
        }
    }

    /** {@return a fresh key pair} */
    static KeyPair generate(SecureRandom random) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), random);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot generate P-256 keys", e);
        }
    }

    /**
     * The public key of an uncompressed point, checked to lie on the curve (a point off the curve would let the
     * sender of the key learn bits of our ephemeral secret: an invalid-curve attack).
     *
     * @throws IllegalArgumentException if it is not 65 octets, not uncompressed or not on P-256
     */
    static ECPublicKey publicKey(byte[] point) {
        if (point == null || point.length != POINT_BYTES || point[0] != 0x04) {
            throw new IllegalArgumentException("not an uncompressed P-256 point (65 octets starting with 0x04)");
        }
        BigInteger x = new BigInteger(1, Arrays.copyOfRange(point, 1, 1 + FIELD_BYTES));
        BigInteger y = new BigInteger(1, Arrays.copyOfRange(point, 1 + FIELD_BYTES, POINT_BYTES));
        if (!onCurve(x, y)) {
            throw new IllegalArgumentException("the point is not on P-256");
        }
        try {
            return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y),
                    PARAMS));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a P-256 public key", e);
        }
    }

    /** Whether (x, y) satisfies y² = x³ + ax + b over P-256's prime field, with both coordinates below p. */
    static boolean onCurve(BigInteger x, BigInteger y) {
        EllipticCurve curve = PARAMS.getCurve();
        ECField field = curve.getField();
        BigInteger p = ((ECFieldFp) field).getP();
        if (x.signum() < 0 || y.signum() < 0 || x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
            return false;
        }
        BigInteger right = x.pow(3).add(curve.getA().multiply(x)).add(curve.getB()).mod(p);
        return y.pow(2).mod(p).equals(right);
    }

    /** {@return the private key of a 32-octet scalar in [1, n-1]} */
    static ECPrivateKey privateKey(byte[] scalar) {
        if (scalar == null || scalar.length != FIELD_BYTES) {
            throw new IllegalArgumentException("not a P-256 private key (32 octets)");
        }
        BigInteger s = new BigInteger(1, scalar);
        if (s.signum() == 0 || s.compareTo(PARAMS.getOrder()) >= 0) {
            throw new IllegalArgumentException("not a P-256 private key (out of range)");
        }
        try {
            return (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(s, PARAMS));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a P-256 private key", e);
        }
    }

    /** {@return the 65-octet uncompressed point of {@code key}} */
    static byte[] encode(ECPublicKey key) {
        byte[] out = new byte[POINT_BYTES];
        out[0] = 0x04;
        fixed(key.getW().getAffineX(), out, 1);
        fixed(key.getW().getAffineY(), out, 1 + FIELD_BYTES);
        return out;
    }

    /** Writes {@code v} as exactly 32 big-endian octets at {@code offset}. */
    private static void fixed(BigInteger v, byte[] out, int offset) {
        byte[] b = v.toByteArray();
        int len = Math.min(b.length, FIELD_BYTES);
        System.arraycopy(b, b.length - len, out, offset + FIELD_BYTES - len, len);
    }
}
