package dev.stepwise.mfa.factor.push;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Objects;

/**
 * The application server's VAPID key pair (RFC 8292 §3.2): P-256, the private key signs the token of every push,
 * the public key is what the browser subscribes with ({@code applicationServerKey}) and what the push service checks.
 * The keys are those Web Push tools print: the public key as the base64url uncompressed point (87 characters), the
 * private key as the base64url 32-octet scalar (43 characters) or as PKCS#8 DER in base64.
 *
 * <pre>{@code
 * VapidKeys keys = VapidKeys.parse(System.getenv("STEPWISE_MFA_PUSH_VAPID_KEY"), publicKeyParameter);
 * String forTheBrowser = keys.publicKey();   // pushManager.subscribe({applicationServerKey: …})
 * }</pre>
 *
 * {@link #toString()} shows the public key only.
 */
public final class VapidKeys {

    private final ECPrivateKey privateKey;
    private final ECPublicKey publicKey;

    private VapidKeys(ECPrivateKey privateKey, ECPublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** {@return a fresh key pair (development: subscriptions made against it end with it)} */
    public static VapidKeys generate() {
        KeyPair pair = P256.generate(new SecureRandom());
        return new VapidKeys((ECPrivateKey) pair.getPrivate(), (ECPublicKey) pair.getPublic());
    }

    /**
     * The key pair of its two halves as text, checked to belong together.
     *
     * @param privateKey the 32-octet scalar in base64url, or PKCS#8 DER in base64 or base64url
     * @param publicKey  the 65-octet uncompressed point in base64url
     * @return the key pair
     * @throws IllegalArgumentException if either is malformed or they do not match; the message shows no key
     */
    public static VapidKeys parse(String privateKey, String publicKey) {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(publicKey, "publicKey");
        byte[] priv = decode(privateKey.trim(), "the private key");
        ECPrivateKey ecPrivate = priv.length == P256.FIELD_BYTES ? P256.privateKey(priv) : pkcs8(priv);
        ECPublicKey ecPublic = P256.publicKey(decode(publicKey.trim(), "the public key"));
        if (!matches(ecPrivate, ecPublic)) {
            throw new IllegalArgumentException("the VAPID private and public keys do not belong together");
        }
        return new VapidKeys(ecPrivate, ecPublic);
    }

    private static byte[] decode(String text, String what) {
        try {
            return text.indexOf('+') >= 0 || text.indexOf('/') >= 0 ? Base64.getDecoder().decode(text)
                    : Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not base64 or base64url");
        }
    }

    private static ECPrivateKey pkcs8(byte[] der) {
        try {
            ECPrivateKey key = (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(
                    new PKCS8EncodedKeySpec(der));
            if (!key.getParams().getCurve().equals(P256.PARAMS.getCurve())) {
                throw new IllegalArgumentException("the private key is not on P-256");
            }
            return key;
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("the private key is neither 32 octets nor PKCS#8 for P-256");
        }
    }

    /** Whether a signature by {@code priv} verifies with {@code pub}. */
    private static boolean matches(ECPrivateKey priv, ECPublicKey pub) {
        try {
            byte[] probe = new byte[32];
            new SecureRandom().nextBytes(probe);
            Signature signer = Signature.getInstance(P256.ES256);
            signer.initSign(priv);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(P256.ES256);
            verifier.initVerify(pub);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** {@return the public key as the base64url uncompressed point, the browser's {@code applicationServerKey}} */
    public String publicKey() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(P256.encode(publicKey));
    }

    /** {@return the public key} */
    public ECPublicKey ecPublicKey() {
        return publicKey;
    }

    /** The private key, for signing tokens in this package only. */
    ECPrivateKey ecPrivateKey() {
        return privateKey;
    }

    @Override
    public String toString() {
        return "VapidKeys[public=" + publicKey() + "]";
    }
}
