"""The Danish words for the values a record is written with, shared by messages and documents.

Kept apart from the schema: a check answered from its cache speaks Danish without loading it.
"""

# The Danish word for each status a meeting, an item or an action has: what the messages say
# after the value as written ("`held` (afholdt)") and what the documents print.
STATUS_WORDS_DA = {
    "planned": "planlagt",
    "held": "afholdt",
    "cancelled": "aflyst",
    "treated": "behandlet",
    "postponed": "udsat",
    "withdrawn": "taget af dagsordenen",
    "open": "åben",
    "done": "udført",
    "dropped": "opgivet",
}
