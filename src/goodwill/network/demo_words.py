"""The words of the demo network: names, organizations, and what people say and do.

Kept apart from demo.py, which decides the shape of the network; {first} in a template is the
contact's first name, and other fields are filled from WORDS or from the network itself.
"""

from __future__ import annotations

ORGANIZATIONS: tuple[tuple[str, str, str], ...] = (
    ("Northwind Design", "northwind.example", "design"),
    ("Brightline Consulting", "brightline.example", "consulting"),
    ("Harbor & Finch", "harborfinch.example", "agency"),
    ("Copperleaf Software", "copperleaf.example", "software"),
    ("Meridian Strategy Partners", "meridianstrategy.example", "consulting"),
    ("Tidewater Studio", "tidewater.example", "design"),
    ("Lumen Labs", "lumenlabs.example", "software"),
    ("Foxglove Creative", "foxglove.example", "agency"),
    ("Kestrel Analytics", "kestrel.example", "software"),
    ("Blue Alder Advisory", "bluealder.example", "consulting"),
    ("Paper Crane Studio", "papercrane.example", "design"),
    ("Quarry Hill Digital", "quarryhill.example", "agency"),
    ("Stackwise", "stackwise.example", "software"),
    ("Oakridge Growth Partners", "oakridge.example", "consulting"),
    ("Mosaic & Mortar", "mosaicmortar.example", "design"),
    ("Signal Bay Media", "signalbay.example", "agency"),
    ("Fernhill Systems", "fernhill.example", "software"),
    ("Pinecrest Consulting Group", "pinecrest.example", "consulting"),
    ("Juniper Works", "juniperworks.example", "design"),
    ("Redwood Row Marketing", "redwoodrow.example", "agency"),
    ("Cobalt Circuit", "cobaltcircuit.example", "software"),
    ("Lattice People Advisory", "lattice.example", "consulting"),
    ("Wren & Willow Branding", "wrenwillow.example", "design"),
    ("Northstar Events", "northstarevents.example", "agency"),
    ("Ironbark Cloud", "ironbark.example", "software"),
)

POSITIONS = {
    "consulting": (
        "Managing partner",
        "Principal consultant",
        "Senior consultant",
        "Operations lead",
        "Engagement manager",
        "Head of business development",
    ),
    "design": (
        "Creative director",
        "Art director",
        "Senior product designer",
        "UX researcher",
        "Design lead",
        "Studio manager",
    ),
    "software": (
        "CTO",
        "Engineering manager",
        "Staff engineer",
        "Product manager",
        "Head of partnerships",
        "Founder and CEO",
    ),
    "agency": (
        "Account director",
        "Head of strategy",
        "Producer",
        "Copy lead",
        "Client services director",
        "Founder",
    ),
}
INDEPENDENT_POSITIONS = (
    "Freelance copywriter",
    "Independent brand strategist",
    "Fractional CFO",
    "Freelance developer",
    "Photographer",
    "Executive coach",
    "Freelance illustrator",
    "Independent recruiter",
    "Bookkeeper",
    "Fractional CMO",
)

FIRST_NAMES = (
    "Aisha", "Alejandro", "Amara", "Ana", "Anders", "Anjali", "Ben", "Bianca", "Camille",
    "Carlos", "Chen", "Chiara", "Chloé", "Daniel", "Dara", "David", "Deepa", "Diego", "Elena",
    "Elif", "Emeka", "Emma", "Ethan", "Fatima", "Felix", "Freya", "Gabriel", "Grace", "Hana",
    "Hannah", "Helen", "Hiroshi", "Ibrahim", "Imogen", "Ingrid", "Isabel", "Jamal", "James",
    "Jana", "Javier", "Jin", "Jonas", "Julia", "Kai", "Karin", "Kofi", "Laila", "Lars", "Leah",
    "Lena", "Leo", "Lina", "Lucas", "Malik", "Marcus", "Mateo", "Maya", "Mei", "Mira", "Nadia",
    "Naomi", "Nikhil", "Nina", "Noah", "Olivia", "Omar", "Oscar", "Patrick", "Priya", "Rafael",
    "Rania", "Ravi", "Rosa", "Ruth", "Samir", "Sara", "Sean", "Sofia", "Sven", "Tariq", "Tessa",
    "Theo", "Tomás", "Valentina", "Vikram", "Wei", "Yara", "Yusuf", "Zanele", "Zoë",
)  # fmt: skip
LAST_NAMES = (
    "Abebe", "Adeyemi", "Afolabi", "Ahmed", "Andersson", "Baptiste", "Bauer", "Becker",
    "Bianchi", "Boateng", "Bose", "Brennan", "Carter", "Castillo", "Chen", "Costa", "Dubois",
    "Dunn", "Eriksen", "Fischer", "Fontaine", "García", "Gill", "Gupta", "Haddad", "Hale",
    "Hansen", "Hughes", "Ito", "Jansen", "Jensen", "Kapoor", "Kaur", "Keller", "Kim",
    "Kowalski", "Larsen", "Lee", "Lindqvist", "Lopez", "Lund", "Mahmoud", "Marsh", "Martins",
    "Mbeki", "Mehta", "Moreau", "Moretti", "Murphy", "Nakamura", "Nguyen", "Novak", "Nowak",
    "O'Connor", "Okafor", "Olsen", "Ortega", "Park", "Patel", "Pereira", "Petrov", "Quinn",
    "Rahman", "Ramos", "Reyes", "Rossi", "Russo", "Sato", "Schmidt", "Shah", "Sharma", "Silva",
    "Singh", "Sokolov", "Suzuki", "Tan", "Taylor", "Thompson", "Torres", "Varga", "Vogel",
    "Walsh", "Watanabe", "Weber", "Whitfield", "Wright", "Yilmaz", "Young", "Zhang", "Ziegler",
)  # fmt: skip

WORDS: dict[str, tuple[str, ...]] = {
    "topic": (
        "pricing a retainer",
        "the website relaunch",
        "hiring a first designer",
        "moving to fixed-fee projects",
        "the brand refresh",
        "onboarding new clients",
        "a partnership with a larger agency",
        "their conference talk",
        "the research findings",
        "cash flow in the slow months",
        "their podcast",
        "the new service line",
    ),
    "project": (
        "the Atlas rebrand",
        "the Q3 strategy review",
        "the onboarding redesign",
        "the pricing workshop",
        "the customer portal",
        "the annual report",
        "the hiring playbook",
        "the launch campaign",
        "the data migration",
        "the design system",
    ),
    "place": (
        "Blue Bottle",
        "the Ferry Building",
        "Monmouth",
        "their office",
        "the co-working space",
        "Prufrock",
        "the hotel lobby",
    ),
    "event": (
        "the Design Leadership Summit",
        "the freelancers' breakfast",
        "SaaStr",
        "the local founders' meetup",
        "the AIGA mixer",
        "Web Summit",
        "the chamber of commerce dinner",
        "the product conference",
    ),
    "month": ("January", "March", "April", "June", "September", "October", "November"),
    "role": (
        "product designer",
        "part-time bookkeeper",
        "frontend developer",
        "copywriter",
        "project manager",
        "sales lead",
    ),
    "city": ("Lisbon", "Berlin", "Austin", "Toronto", "Melbourne", "Manchester", "Denver"),
    "skill": (
        "brand strategy",
        "facilitation",
        "product management",
        "UX research",
        "pricing",
        "copywriting",
    ),
}

# Summaries by (kind, direction) for a touch with one contact; {first} is their first name.
TOUCH_SUMMARIES: dict[tuple[str, str], tuple[str, ...]] = {
    ("email", "out"): (
        "Sent {first} the proposal for {project}",
        "Followed up with {first} on the timeline for {project}",
        "Sent {first} notes from our call",
        "Asked {first} for feedback on {project}",
        "Sent {first} the invoice for {project}",
        "Thanked {first} for the referral",
    ),
    ("email", "in"): (
        "{first} asked about my availability in {month}",
        "{first} sent feedback on {project}",
        "{first} shared the brief for {project}",
        "{first} wrote with news about {topic}",
        "{first} replied about {topic}",
    ),
    ("message", "out"): (
        "Checked in with {first} about {topic}",
        "Congratulated {first} on the launch",
        "Wished {first} a happy birthday",
        "Asked {first} how {project} went",
    ),
    ("message", "in"): (
        "{first} asked a quick question about {topic}",
        "{first} sent a photo from the offsite",
        "{first} checked in about {project}",
    ),
    ("call", "out"): ("Called {first} about {project}", "Called {first} to talk through {topic}"),
    ("call", "in"): ("{first} called about {topic}", "{first} rang to ask about {project}"),
    ("call", "both"): ("Catch-up call with {first}", "Planning call with {first} for {project}"),
    ("meeting", "both"): (
        "Coffee with {first} at {place}",
        "Lunch with {first}",
        "Working session with {first} on {topic}",
        "Review of {project} with {first}",
    ),
    ("event", "both"): ("Saw {first} at {event}", "Ran into {first} at {event}"),
    ("social", "out"): (
        "Commented on {first}'s post about {topic}",
        "Shared {first}'s article on {topic}",
    ),
    ("social", "in"): (
        "{first} liked my post about {topic}",
        "{first} commented on my post about {topic}",
    ),
    ("note", "both"): (
        "Heard {first} is hiring a {role}",
        "{first} is moving to {city} in the spring",
        "{first} is looking for help with {topic}",
    ),
}
TOUCH_KIND_WEIGHTS = (
    ("email", 34),
    ("message", 22),
    ("call", 12),
    ("meeting", 12),
    ("event", 5),
    ("social", 10),
    ("note", 5),
)

# Touches with several contacts at once: {others} names everyone after the first.
GROUP_SUMMARIES: tuple[tuple[str, str, str], ...] = (
    ("meeting", "both", "Kick-off for {project} with {first} and {others}"),
    ("meeting", "both", "Quarterly review with {first} and {others}"),
    ("event", "both", "{event}: talked with {first} and {others}"),
    ("call", "both", "Three-way call with {first} and {others} about {topic}"),
    ("email", "out", "Introduced {first} and {others}"),
    ("email", "in", "{first} looped me in with {others} on {project}"),
)

# (kind, whose) -> (the loop, the touch it was opened in); {other} is another contact.
LOOP_SUMMARIES: dict[tuple[str, str], tuple[tuple[str, str], ...]] = {
    ("ask", "theirs"): (
        (
            "Introduce {first} to someone at {other_org}",
            "{first} asked for an intro to {other_org}",
        ),
        ("Recommend a bookkeeper to {first}", "{first} asked if I know a good bookkeeper"),
        ("Feedback on {first}'s pitch deck", "{first} sent their pitch deck for feedback"),
        ("Find {first} a {role}", "{first} asked if I know a {role} looking for work"),
        ("A testimonial for {first}'s site", "{first} asked me for a testimonial"),
        ("Talk {first} through pricing", "{first} asked to pick my brain about pricing"),
    ),
    ("ask", "mine"): (
        ("An intro to {other} at {other_org}", "Asked {first} for an intro to {other}"),
        ("A referral into {org}", "Asked {first} to refer me to the leadership team"),
        ("A LinkedIn recommendation", "Asked {first} for a LinkedIn recommendation"),
        ("Feedback on my service page", "Asked {first} for feedback on my new service page"),
        ("Work with {org} on {topic}", "Asked {first} whether {org} needs help with {topic}"),
    ),
    ("offer", "theirs"): (
        ("{first}'s review of my proposal template", "{first} offered to review my proposals"),
        ("A desk at {org} on Fridays", "{first} offered me a desk on Fridays"),
        ("An intro to {first}'s CFO", "{first} offered to introduce me to their CFO"),
    ),
    ("offer", "mine"): (
        ("Help {first} with {topic}", "Offered to help {first} with {topic}"),
        ("An intro to my accountant", "Offered {first} an intro to my accountant"),
        ("A review of {first}'s portfolio", "Offered to review {first}'s portfolio"),
    ),
    ("promise", "theirs"): (
        ("{first} keeps me in mind for {project}", "{first} will keep me in mind for {project}"),
        ("The case study from {first}", "{first} promised to send the case study"),
    ),
    ("promise", "mine"): (
        ("Send {first} the workshop slides", "Promised {first} the workshop slides"),
        ("Introduce {first} to {other}", "Promised to introduce {first} to {other}"),
        ("Read {first}'s draft", "Promised to read {first}'s draft by Friday"),
        ("A quote for {project}", "Promised {first} a quote for {project}"),
    ),
}


# (kind, direction) -> summaries and the kind of touch it came with.
GIVE_SUMMARIES: dict[tuple[str, str], tuple[str, tuple[str, ...]]] = {
    ("help", "out"): ("call", ("Helped {first} untangle {topic}", "Helped {first} with {project}")),
    ("help", "in"): (
        "call",
        ("{first} helped me with {topic}", "{first} helped me scope {project}"),
    ),
    ("introduction", "out"): ("email", ("Introduced {first} to {other} at {other_org}",)),
    ("introduction", "in"): ("email", ("{first} introduced me to {other} at {other_org}",)),
    ("referral", "out"): (
        "email",
        ("Referred a client to {first}", "Sent {first} a lead from {other_org}"),
    ),
    ("referral", "in"): (
        "email",
        ("{first} referred {other_org} to me", "{first} passed {project} on to me"),
    ),
    ("article", "out"): ("message", ("Sent {first} a piece on {topic}",)),
    ("article", "in"): ("message", ("{first} sent me a piece on {topic}",)),
    ("endorsement", "out"): ("social", ("Endorsed {first} for {skill} on LinkedIn",)),
    ("endorsement", "in"): ("social", ("{first} endorsed me for {skill}",)),
    ("recommendation", "out"): ("social", ("Wrote {first} a LinkedIn recommendation",)),
    ("recommendation", "in"): ("social", ("{first} recommended me to {other_org}",)),
    ("advice", "out"): ("meeting", ("Advised {first} on {topic}",)),
    ("advice", "in"): ("meeting", ("{first} gave me advice on {topic}",)),
}

ARTICLES = (
    ("https://journal.example/fixed-fee-projects", "Why we moved every project to a fixed fee"),
    ("https://journal.example/slow-months", "Surviving the slow months as a small studio"),
    ("https://fieldnotes.example/research-ops", "Research ops for teams of one"),
    ("https://fieldnotes.example/brand-audits", "A brand audit in a week"),
    ("https://craft.example/design-systems-small", "Design systems for small teams"),
    ("https://craft.example/pricing-retainers", "Pricing a retainer without regret"),
    ("https://operator.example/first-hire", "Making your first hire as a freelancer"),
    ("https://operator.example/partnerships", "When to partner with a bigger agency"),
    ("https://operator.example/referral-habits", "Referral habits of busy consultants"),
    ("https://longform.example/public-speaking", "Saying yes to the conference talk"),
    ("https://longform.example/case-studies", "Case studies clients actually read"),
    ("https://longform.example/onboarding", "An onboarding checklist for new clients"),
)

CONTACT_NOTES = (
    "Met at {event}. Prefers a call to email.",
    "Two kids; coaches their daughter's football team.",
    "Knows everyone in the {city} design scene.",
    "Was a client in 2022; paid on time, great to work with.",
    "Thinking about going independent next year.",
    "Good sounding board on {topic}.",
    "Ask about the marathon training.",
    "Hires freelancers for work like {project} a few times a year.",
    "Introduced by a mutual friend from {event}.",
    "Vegetarian; loves the ramen place near their office.",
)
