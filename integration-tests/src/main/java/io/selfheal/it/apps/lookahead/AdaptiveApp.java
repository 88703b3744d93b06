package io.selfheal.it.apps.lookahead;

/**
 * Scripted failure modes for {@code strategy: adaptive}, and a {@code level: basic} target:
 * {@code args[0]} calls each to {@link Outage} (always down), {@link Glitch} (the first run of
 * each call fails) and {@link BasicLevel} (always fails). Prints {@code RESULT} lines.
 */
public final class AdaptiveApp {
    private AdaptiveApp() {
    }

    public static void main(String[] args) {
        int calls = Integer.parseInt(args[0]);
        Outage outage = new Outage();
        Glitch glitch = new Glitch();
        BasicLevel basic = new BasicLevel();
        int outageAnswered = 0;
        int glitchAnswered = 0;
        int basicRefused = 0;
        for (int i = 0; i < calls; i++) {
            if ("cached".equals(ActionsApp.answer(outage::fetch))) {
                outageAnswered++;
            }
            glitch.nextCall();
            if ("live".equals(ActionsApp.answer(glitch::fetch))) {
                glitchAnswered++;
            }
            if ("CircuitOpenException".equals(ActionsApp.answer(() -> basic.fetch(true)))) {
                basicRefused++;
            }
        }
        System.out.println("RESULT outage-answered " + outageAnswered);
        System.out.println("RESULT outage-runs " + outage.runs());
        System.out.println("RESULT glitch-answered " + glitchAnswered);
        System.out.println("RESULT basic-runs " + basic.runs());
        System.out.println("RESULT basic-refused " + basicRefused);
    }
}
