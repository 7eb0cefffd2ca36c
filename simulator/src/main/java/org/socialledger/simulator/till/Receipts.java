package org.socialledger.simulator.till;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Random;

/** Realistic receipts: a few goods each, pieces and weight goods, social and not. */
final class Receipts {

    record Goods(String code, String name, String category, long price, boolean weighed) {
    }

    static final List<Goods> SOCIAL = List.of(
            new Goods("4601234567890", "Молоко 3,2% 1 л", "dairy", 8_990, false),
            new Goods("4607025390015", "Хлеб Бородинский", "bakery", 4_500, false),
            new Goods("4607001234568", "Кефир 1% 0,9 л", "dairy", 7_490, false),
            new Goods("2100000001234", "Картофель, кг", "vegetables", 4_990, true),
            new Goods("2100000005678", "Морковь, кг", "vegetables", 5_990, true));
    static final List<Goods> OTHER = List.of(
            new Goods("4600000000017", "Батарейки AA", "household", 8_000, false),
            new Goods("4605922011111", "Шампунь 400 мл", "cosmetics", 25_000, false),
            new Goods("4603333000123", "Кофе молотый", "grocery", 39_900, false));

    private final ObjectMapper json = new ObjectMapper();

    /** A receipt of {@code social} social lines and {@code other} other lines. */
    ObjectNode receipt(String id, Random random, int social, int other) {
        ObjectNode receipt = json.createObjectNode();
        receipt.put("id", id);
        ArrayNode items = receipt.putArray("items");
        long total = 0;
        int line = 1;
        for (int i = 0; i < social + other; i++) {
            Goods goods = i < social ? SOCIAL.get(random.nextInt(SOCIAL.size())) : OTHER.get(random.nextInt(OTHER.size()));
            BigDecimal quantity = goods.weighed()
                    ? BigDecimal.valueOf(300 + random.nextInt(2_000), 3)
                    : BigDecimal.valueOf(1 + random.nextInt(3));
            long amount = quantity.multiply(BigDecimal.valueOf(goods.price())).setScale(0, RoundingMode.HALF_UP)
                    .longValueExact();
            items.addObject().put("line", line++).put("code", goods.code()).put("name", goods.name())
                    .put("price", goods.price()).put("quantity", quantity).put("amount", amount)
                    .put("category", goods.category());
            total += amount;
        }
        receipt.put("total", total);
        return receipt;
    }
}
