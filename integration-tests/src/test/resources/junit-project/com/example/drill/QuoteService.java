package com.example.drill;

/** The code under test: woven by the agent the extension attaches (healing.yaml). */
public class QuoteService {
    public String quote(String symbol) {
        return "quote:" + symbol;
    }

    public int price() {
        return 7;
    }
}
