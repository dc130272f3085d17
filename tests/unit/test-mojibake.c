/* test-mojibake.c — the Windows-1252 table and the mojibake repair policy. */
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "check.h"
#include "mojibake.h"
#include "utf8.h"

static struct buf out = BUF_INIT, scratch = BUF_INIT;

static const char *repair(const char *s, size_t *count)
{
    size_t n = mojibake_repair(s, strlen(s), &out, &scratch);
    if (count)
        *count = n;
    return out.data;
}

/* The mojibake of s: its UTF-8 bytes read as Windows-1252, encoded again.
 * Built here so that the repairs below are tested against the real
 * corruption, not against strings typed by hand. */
static char *garble(const char *s)
{
    struct buf b = BUF_INIT;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        char enc[4];
        buf_append(&b, enc, (size_t)utf8_encode(cp1252_char(*p), enc));
    }
    return buf_detach(&b, NULL);
}

/* glibc's iconv knows Windows-1252: the table must agree with it on every
 * byte it defines. */
static void test_table_against_iconv(void)
{
    iconv_t cd = iconv_open("UTF-8", "CP1252");
    if (cd == (iconv_t)-1) {
        SKIP("cp1252 table against iconv: iconv has no CP1252");
        return;
    }
    int agree = 0, defined = 0;
    for (int b = 0x80; b < 0x100; b++) {
        char in[1] = {(char)b}, outb[8];
        char *ip = in, *op = outb;
        size_t il = 1, ol = sizeof outb;
        iconv(cd, NULL, NULL, NULL, NULL);
        if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1)
            continue; /* a byte CP1252 leaves undefined */
        defined++;
        int32_t cp;
        utf8_decode(outb, (size_t)(op - outb), &cp);
        agree += cp == cp1252_char((unsigned char)b);
    }
    iconv_close(cd);
    CHECK(defined >= 123 && agree == defined, "cp1252 table agrees with iconv on %d of %d bytes",
          agree, defined);
}

static void test_table_inverse(void)
{
    int ok = 1;
    for (int b = 0; b < 0x100; b++)
        ok &= cp1252_byte(cp1252_char((unsigned char)b)) == b;
    CHECK(ok, "cp1252_byte inverts cp1252_char on all 256 bytes");
    CHECK(cp1252_byte(0x2019) == 0x92 && cp1252_byte(0x20AC) == 0x80, "’ is 0x92, € is 0x80");
    CHECK(cp1252_byte(0x0081) == 0x81, "undefined 0x81 reads as the C1 control (Latin-1)");
    CHECK(cp1252_byte(0x0100) == -1 && cp1252_byte(0x2603) == -1, "other characters have no byte");
}

static void test_repairs(void)
{
    static const char *const words[] = {
        "’", "“quoted”", "£5", "café", "é", "Été", "naïve", "São Paulo", "Ångström",
        "Straße", "Æsir", "Øresund", "Владимир", "Ελλάδα", "się", "są", "při", "mío",
        "hôtel", "déjà vu", "€100", "™", "…", "—", "–", "•", "½", "°C", "中文", "日本語",
        "한국어", "हिन्दी", "😀", "ÀÉÎÕÜ", "Škoda", "Łódź", "Ærøskøbing", "Æbleskiver",
        "\xC2\xA0", "It’s", "l’été", "İstanbul", "ğüşıöç", "Żółć"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
        char *bad = garble(words[i]);
        size_t count;
        CHECK_STR(repair(bad, &count), words[i], "repair %s (from %s)", words[i], bad);
        free(bad);
    }
    CHECK_STR(repair("It\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2s", NULL), "It’s", "â€™ → ’");
    CHECK_STR(repair("\xC3\x82\xC2\xA3" "5", NULL), "£5", "Â£ → £");
    CHECK_STR(repair("caf\xC3\x83\xC2\xA9", NULL), "café", "Ã© → é");
    /* Latin-1 rather than Windows-1252: continuations are C1 controls. */
    CHECK_STR(repair("\xC3\x83\xC2\x89t\xC3\x83\xC2\xA9", NULL), "Été", "Latin-1 mojibake (Ã + U+0089)");
    char *twice = garble("It’s");
    char *thrice = garble(twice);
    CHECK_STR(repair(thrice, NULL), "It’s", "doubly encoded ’ is repaired in full");
    free(twice);
    free(thrice);
    size_t count;
    repair("caf\xC3\x83\xC2\xA9 caf\xC3\x83\xC2\xA9", &count);
    CHECK(count == 2, "two repairs are counted (%zu)", count);
    CHECK_STR(repair("It’s SÃ£o", NULL), "It’s São", "mixed: correct ’ kept, Ã£ repaired");
    CHECK_STR(repair("\xC3\x83\xC2\xA0 la maison", NULL), "à la maison", "Ã+NBSP before a space is à");
}

/* Correct text that looks like a candidate and must never change. */
static void test_hard_negatives(void)
{
    static const char *const correct[] = {
        "ÂGE D’OR", "Ångström", "São Paulo", "naïve", "Æsir", "Øresund", "×", "±", "3×4",
        "± 5%", "SÃO PAULO", "NÃO", "ÂME", "CRÂNE", "GRÂCE", "PÃO", "ÃRVORE",
        "IRMÃ”", "MAÇÃ…", "“IRMÔ", "Straße”", "Fuß’", "CAFÉ\xC2\xA0:", "été…\xC2\xA0»",
        "«À bientôt»", "l’été…", "Ü®", "Ö–Ä", "Ä\xC2\xAD", "ß\xC2\xAD" "ball", "ÉTÉ”",
        "À ", "Ça va?", "Ô!", "×—", "Ø’", "Þ”", "ÐÑ", "£5", "’", "€", "™", "Ã", "Â"};
    for (size_t i = 0; i < sizeof correct / sizeof *correct; i++) {
        size_t count;
        CHECK_STR(repair(correct[i], &count), correct[i], "correct text kept: %s", correct[i]);
    }
}

static void test_idempotent_and_safe(void)
{
    static const char *const inputs[] = {
        "Ã¢â‚¬â„¢", "ÃƒÂ©", "Ã©Ã©Ã©", "Ã", "Ã\xC2", "\xC3\x83\xC2", "ÂÂÂ£", "Ã¢â‚¬",
        "x\xC3\x83", "", "plain ascii", "Ã©\xff\xfe invalid", "ðŸ", "ðŸ˜"};
    for (size_t i = 0; i < sizeof inputs / sizeof *inputs; i++) {
        char *once = xstrdup(repair(inputs[i], NULL));
        CHECK_STR(repair(once, NULL), once, "repairing twice equals once: %s", inputs[i]);
        free(once);
    }
}

int main(void)
{
    test_table_against_iconv();
    test_table_inverse();
    test_repairs();
    test_hard_negatives();
    test_idempotent_and_safe();
    buf_free(&out);
    buf_free(&scratch);
    return CHECK_DONE();
}
