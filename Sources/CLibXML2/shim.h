#include <libxml/xmlversion.h>
/* Debian's libxml2 is built with ICU; its headers would then pull in the system's ICU, which clashes
   with Foundation's own copy (_FoundationICU) in modules that import both. Nothing here uses libxml2's
   ICU converters, so leave their declarations out. */
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xpath.h>
