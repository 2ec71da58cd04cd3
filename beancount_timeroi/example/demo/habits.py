"""How Camille and Maude spend their marketing time: what the time log is made of.

The blog's posts and the steps of writing one, the notes each person writes
on social media work, how long a day's marketing takes, Maude's weeks, and
every way SPEC 2.3 lets a duration be written, with how often each person
uses it. Data only; `timelog` plans the days from it.
"""

from __future__ import annotations

from datetime import date

from beancount_timeroi.example.demo.studio import JULIE_START, MAUDE_START

BLOG_POSTS: tuple[tuple[str, str], ...] = (  # (language, title), in publication order
    ("fr", "Accessibilité des formulaires"),
    ("en", "Core Web Vitals for small shops"),
    ("fr", "Choisir une palette de couleurs"),
    ("en", "Why your bakery needs online ordering"),
    ("fr", "Des polices web qui ne ralentissent pas le site"),
    ("en", "Writing alt text that actually helps"),
    ("fr", "Refonte ou simple mise à jour ?"),
    ("en", "Product photos with your phone"),
    ("en", "Local SEO with a Google Business Profile"),
    ("fr", "La Loi 25 et votre formulaire de contact"),
    ("en", "Dark patterns to avoid"),
    ("fr", "Un site bilingue sans douleur"),
    ("en", "How much does a website cost in Québec?"),
    ("fr", "Une page À propos qui donne confiance"),
    ("en", "Designing for older visitors"),
    ("fr", "Hébergement : ce qui compte vraiment"),
    ("en", "A bakery website that sells (case study)"),
    ("fr", "Le contraste des couleurs expliqué"),
    ("en", "Booking forms people actually finish"),
    ("fr", "Pourquoi un site rapide vend plus"),
    ("en", "Favicons, logos and other small details"),
    ("fr", "Les menus de restaurant en PDF, non merci"),
    ("en", "Newsletter or social media?"),
    ("fr", "Préparer son contenu avant la refonte"),
    ("en", "Mobile first, for real"),
    ("fr", "Témoins et consentement : le guide simple"),
    ("en", "A vet clinic's booking page (case study)"),
    ("fr", "Choisir un nom de domaine en .ca"),
    ("en", "What to put above the fold"),
    ("fr", "Les images WebP et AVIF"),
    ("en", "A checklist before launch day"),
    ("fr", "Rédiger pour le Web en deux langues"),
    ("en", "Shopify, WooCommerce or Square?"),
    ("fr", "L'accessibilité des documents PDF"),
    ("en", "Landing pages for seasonal offers"),
    ("fr", "Des témoignages clients qui rassurent"),
    ("en", "Keeping a small site secure"),
    ("fr", "Temps des sucres : préparer son site"),
    ("en", "Icons and illustrations on a budget"),
    ("fr", "Les formulaires de dons pour les OBNL"),
    ("en", "Measuring visits without creepy tracking"),
    ("fr", "Typographie : la hiérarchie des titres"),
    ("en", "Your site's first ten seconds"),
    ("fr", "Migrer de Wix à WordPress"),
    ("en", "Writing a brief for your designer"),
    ("fr", "Le forfait de maintenance, à quoi ça sert ?"),
    ("en", "Year in review: the sites we launched"),
    ("fr", "Les tendances design 2026, sans les suivre toutes"),
)
BLOG_STEPS = {  # activity: (French, English) wording, minutes it may take
    "research": ("recherche", "research", (40, 45, 50, 60)),
    "writing": ("rédaction", "writing", (55, 60, 70, 75)),
    "writing-2": ("rédaction, suite", "second draft", (30, 40, 45)),
    "layout": ("mise en page", "layout", (30, 35, 40, 45)),
    "publishing": ("publication", "publishing", (20, 25)),
}

# Notes use {n} for a small count, {topic} for an English and {sujet} for a French topic.
TOPICS = (
    "before/after of a bakery homepage",
    "5 signs your website is outdated",
    "behind the scenes: wireframes",
    "a booking page that works on phones",
    "what a website project costs",
    "client launch of the month",
    "fonts that read well on screens",
    "why I design mobile first",
)
SUJETS = (
    "pourquoi un site rapide vend plus",
    "le contraste des couleurs",
    "mes outils de design préférés",
    "l'accessibilité en 3 gestes",
    "ma routine du lundi",
    "la Loi 25 en bref",
    "photos produits au téléphone",
    "le lancement client du mois",
)
OWNER_NOTES: dict[tuple[str, str], tuple[str, ...]] = {
    ("linkedin", "engagement"): (
        "Commented on {n} client posts",
        "Replied to comments on my last post",
        "Commenté {n} publications de clients",
        "Welcomed {n} new connections",
        "Répondu aux messages privés",
        "Networking: messaged {n} local founders",
    ),
    ("linkedin", "writing"): (
        "Post: {topic}",
        "Rédaction d'un post : {sujet}",
        "Carousel text: {topic}",
    ),
    ("linkedin", "design"): ("Carousel visuals: {topic}", "Visuel pour le post : {sujet}"),
    ("linkedin", "scheduling"): (
        "Scheduled next week's posts",
        "Planifié les posts de la semaine",
    ),
    ("instagram", "design"): (
        "Carousel: {topic}",
        "Story templates refresh",
        "Visuels avant/après : {sujet}",
    ),
    ("instagram", "writing"): ("Captions for next week", "Légendes : {sujet}"),
    ("instagram", "engagement"): (
        "Replied to DMs and comments",
        "Commented on {n} local accounts",
    ),
    ("instagram", "scheduling"): ("Planned the grid for next week",),
    ("facebook", "engagement"): (
        "Answered page messages",
        "Répondu dans le groupe Entrepreneurs du Plateau",
        "Shared tips in a local business group",
    ),
    ("facebook", "scheduling"): (
        "Scheduled page posts for the week",
        "Programmé les publications de la semaine",
    ),
    ("facebook", "writing"): ("Post: {topic}", "Publication : {sujet}"),
    ("facebook", "design"): ("Cover photo and event visual",),
}
MAUDE_NOTES: dict[tuple[str, str], tuple[str, ...]] = {
    ("instagram", "design"): (
        "Visuels Instagram de la semaine",
        "Gabarits de stories",
        "Carrousel : {sujet}",
    ),
    ("instagram", "scheduling"): (
        "Planification Instagram",
        "Programmé les publications et les stories",
    ),
    ("facebook", "design"): ("Visuels Facebook de la semaine", "Bannière d'événement"),
    ("facebook", "scheduling"): (
        "Programmation Facebook",
        "Publications de la semaine programmées",
    ),
}
SOCIAL = ("linkedin", "instagram", "facebook")  # where Camille's daily social time goes
SOCIAL_WEIGHTS: tuple[
    tuple[date | None, tuple[int, ...]], ...
] = (  # her shares of SOCIAL, until a day: she leaves more to Maude, then Julie
    (MAUDE_START, (55, 30, 15)),
    (JULIE_START, (65, 22, 13)),
    (None, (75, 15, 10)),
)
OWNER_ACTIVITIES = {
    "linkedin": (("engagement", 5), ("writing", 4), ("design", 1), ("scheduling", 1)),
    "instagram": (("design", 4), ("engagement", 3), ("writing", 2), ("scheduling", 1)),
    "facebook": (("engagement", 5), ("scheduling", 3), ("writing", 2), ("design", 1)),
}
DAILY_MINUTES = (45, 50, 55, 60, 60, 60, 60, 65, 70, 75, 80, 90)
MAUDE_WEEKS = (  # (weekday, minutes) worked in a week: about three hours
    ((1, 90), (3, 90)),
    ((0, 60), (2, 60), (4, 60)),
    ((1, 120), (3, 60)),
    ((1, 80), (3, 100)),
    ((1, 75), (3, 105)),
)

# Every way SPEC 2.3 lets a duration be written, with how often each person
# uses it. A form that cannot write a given duration exactly is skipped.
DURATION_FORMS = (
    "number",
    "number-string",
    "H",
    "HR",
    "HRS",
    "HOUR",
    "HOURS",
    "MIN",
    "MINS",
    "MINUTE",
    "MINUTES",
    "1h30",
    "1h30m",
    "2h",
    "45m",
    "90min",
    "1.5h",
    "1:15",
)
FORM_WEIGHTS = {
    "owner": (36, 2, 16, 4, 4, 8, 4, 16, 4, 1, 8, 12, 6, 6, 16, 6, 8, 8),
    "maude": (2, 0, 0, 0, 0, 1, 0, 3, 0, 0, 1, 10, 2, 6, 10, 3, 0, 6),
}
