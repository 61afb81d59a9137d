package dev.stepwise.sample.api;

import dev.stepwise.mfa.StepUp;
import dev.stepwise.sample.Bank;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import java.math.BigDecimal;

/**
 * Moving money: a factor proven in the last two minutes. Browsers posting the form are sent to the challenge
 * and the transfer is replayed afterwards; scripts get a 401 they can act on.
 */
@Path("transfers")
@RequestScoped
public class TransferResource {

    @Inject
    Bank bank;

    @Context
    SecurityContext security;

    @POST
    @StepUp(maxAge = "PT2M", reason = "transfer")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject transfer(@FormParam("to") String to, @FormParam("amount") BigDecimal amount) {
        String user = security.getUserPrincipal().getName();
        Bank.Transfer t = bank.transfer(user, to, amount == null ? BigDecimal.ZERO : amount);
        return Json.createObjectBuilder()
                .add("to", t.to())
                .add("amount", t.amount())
                .add("balance", bank.balance(user))
                .build();
    }
}
