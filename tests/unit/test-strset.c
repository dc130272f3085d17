/* Unit tests of lib/strset: membership, copies, growth. */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "strset.h"

int main(void)
{
    struct strset *set = strset_new();
    CHECK(strset_size(set) == 0, "a new set is empty");
    CHECK(!strset_contains(set, "a"), "a new set holds nothing");
    CHECK(strset_add(set, "a"), "adding a new member says so");
    CHECK(!strset_add(set, "a"), "adding a member again says so");
    CHECK(strset_contains(set, "a"), "an added member is found");
    CHECK(strset_add(set, ""), "the empty string can be a member");
    CHECK(strset_contains(set, ""), "the empty string is found");

    char word[32] = "volatile";
    CHECK(strset_add(set, word), "adding from a buffer");
    strcpy(word, "changed");
    CHECK(strset_contains(set, "volatile"), "the set holds a copy");
    CHECK(!strset_contains(set, "changed"), "changing the buffer changes nothing");

    char key[32];
    int refused = 0;
    for (int i = 0; i < 10000; i++) {
        snprintf(key, sizeof key, "doc-%d", i);
        refused += !strset_add(set, key);
    }
    CHECK(refused == 0 && strset_size(set) == 10003, "10000 more members grow the set");
    int missing = 0;
    for (int i = 0; i < 10000; i++) {
        snprintf(key, sizeof key, "doc-%d", i);
        missing += !strset_contains(set, key);
    }
    CHECK(missing == 0, "growth keeps every member (%d missing)", missing);
    CHECK(!strset_contains(set, "doc-10000"), "a non-member is not found after growth");
    strset_free(set);
    strset_free(NULL);
    return CHECK_DONE();
}
