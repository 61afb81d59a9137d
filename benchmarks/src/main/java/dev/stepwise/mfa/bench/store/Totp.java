package dev.stepwise.mfa.bench.store;

import com.bastiaanjansen.otp.HMACAlgorithm;
import com.bastiaanjansen.otp.HOTPGenerator;
import org.apache.commons.codec.binary.Base32;

import java.time.Instant;

/** The code an authenticator app shows (otp-java): the library's defaults, HMAC-SHA-1, 6 digits, 30 s steps. */
final class Totp {

    private Totp() {
    }

    static String code(byte[] secret, Instant at) {
        long step = Math.floorDiv(at.getEpochSecond(), 30);
        return new HOTPGenerator.Builder(new Base32().encode(secret)).withPasswordLength(6)
                .withAlgorithm(HMACAlgorithm.SHA1).build().generate(step);
    }
}
