#ifndef CLIBXML2_SHIM_H
#define CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
/* Debian's libxml2 is built with ICU, and its encoding.h then includes ICU's headers from /usr/include/unicode.
 * Their types clash with the copy of ICU inside Foundation's _FoundationICU module ("'UErrorCode' has different
 * definitions in different modules") wherever a Swift file sees both, as search-serve does (full Foundation and
 * the Indexer). Nothing here uses libxml2's ICU converters (only pointers to its encoding handlers), so the module
 * is read without them. */
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#endif
