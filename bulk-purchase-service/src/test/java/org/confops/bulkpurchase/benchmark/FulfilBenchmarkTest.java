package org.confops.bulkpurchase.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confops.bulkpurchase.support.Fixtures.as;
import static org.confops.bulkpurchase.support.Fixtures.conference;
import static org.confops.bulkpurchase.support.Fixtures.organizer;
import static org.confops.bulkpurchase.support.Fixtures.paidPurchase;
import static org.confops.bulkpurchase.support.Fixtures.purchase;
import static org.confops.bulkpurchase.support.Fixtures.sponsor;
import static org.confops.bulkpurchase.support.Fixtures.voucherConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.confops.bulkpurchase.support.Fixtures.Conf;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Fulfilling one purchase of 100 000 codes through HTTP: the time of the fulfil call (codes and their outbox rows
 * written in one transaction), and the time until the relay has published every voucher.issued to Kafka.
 * Not part of the normal test run; see docs/benchmarks.md.
 */
@QuarkusTest
@Tag("benchmark")
class FulfilBenchmarkTest {

    private static final int CODES = Integer.getInteger("bench.codes", 100_000);

    @Inject
    EntityManager em;

    @Test
    void fulfilOneHundredThousandCodes() throws Exception {
        StringBuilder report = new StringBuilder();
        for (int quantity : new int[] { CODES / 10, CODES, CODES }) {
            report.append(measure(quantity));
        }
        Log.info(report);
        Files.createDirectories(Path.of("target", "benchmarks"));
        Files.writeString(Path.of("target", "benchmarks", "fulfil.txt"), report);
    }

    private String measure(int quantity) throws Exception {
        Conf conf = conference();
        sponsor(conf, "acme");
        long id = paidPurchase(conf, purchase("acme", quantity, null, "10", voucherConfig("percentage", "50")));

        long start = System.nanoTime();
        Response response = as(organizer(conf)).post(conf.base() + "/" + id + "/fulfill");
        long fulfilMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.jsonPath().getInt("created")).isEqualTo(quantity);

        long unpublished;
        do {
            Thread.sleep(100);
            unpublished = count("SELECT count(*) FROM outbox_event WHERE published_at IS NULL");
        } while (unpublished > 0 && System.nanoTime() - start < Duration.ofMinutes(10).toNanos());
        long publishedMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(unpublished).isZero();
        long distinct = count("SELECT count(DISTINCT code) FROM bulk_voucher WHERE bulk_purchase_id = " + id);
        assertThat(distinct).isEqualTo(quantity);

        start = System.nanoTime();
        Response csv = as(organizer(conf)).get(conf.base() + "/" + id + "/vouchers.csv");
        long csvMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(csv.statusCode()).isEqualTo(200);
        return String.format("fulfil codes=%d fulfil_ms=%d all_published_ms=%d csv_ms=%d csv_bytes=%d%n",
                quantity, fulfilMillis, publishedMillis, csvMillis, csv.asByteArray().length);
    }

    private long count(String sql) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) em.createNativeQuery(sql).getSingleResult()).longValue());
    }
}
