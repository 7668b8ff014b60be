"""French (fr). Sources as in en.py. No French wording of coursera.org is confirmed in any public
source we know of, so every French word here is [guess], with generous alternatives; brand names
Coursera does not translate (Coursera Plus, Google Play, App Store, Apple) are kept. Patterns that
reach the browser are JavaScript regular expressions there, whose `\\b` knows ASCII letters only:
no `\\b` stands next to an accented letter in them."""

from __future__ import annotations

from automator.sites.coursera.strings import Strings, anywhere, words

MONTH = (
    r"(?:janv(?:ier)?|f[ée]vr?(?:ier)?|mars|avr(?:il)?|mai|juin|juil(?:let)?|ao[uû]t"
    r"|sept?(?:embre)?|oct(?:obre)?|nov(?:embre)?|d[ée]c(?:embre)?)"
)
# An amount as French writes it: "59,00", "1 059,00" (a space, often U+202F, between thousands);
# "59.00" too, in case a price is left in the English format.
AMOUNT = r"\d{1,3}(?:[\s.]\d{3})*(?:[,.]\d{2})?"
CURRENCY = r"(?:\$\s?(?:US|CA|AU)|(?:US|CA|AU)\s?\$|£\s?GB|USD|EUR|INR|[$€£₹])"
APOSTROPHE = "['’]"
A = APOSTROPHE

FR = Strings(
    language="fr",
    locale="fr-FR",
    # "14 décembre 2026", "1er janvier 2027", "14 déc. 2026" [guess]: Intl.DateTimeFormat("fr-FR")'s shapes
    date=rf"\d{{1,2}}(?:er)?\s+{MONTH}\.?\s+\d{{4}}",
    months=(
        "janv(?:ier)?", "f[ée]vr?(?:ier)?", "mars", "avr(?:il)?", "mai", "juin", "juil(?:let)?",
        "ao[uû]t", "sept?(?:embre)?", "oct(?:obre)?", "nov(?:embre)?", "d[ée]c(?:embre)?",
    ),
    # "59,00 $US / mois", "59,00 $ US/mois", "59,00 € par mois", "399 € par an" [guess]; the
    # amount-then-currency shape is Intl.NumberFormat("fr-FR" / "fr-CA")'s, checked in node here;
    # "US$ 59,00/mois", "$59.00 / mois" [guess] (currency first, as other locales write it)
    price=(
        rf"(?:{AMOUNT}\s?{CURRENCY}|{CURRENCY}\s?{AMOUNT})"
        r"(?:\s*(?:/|par|chaque|tous les)\s*(?:mois|an|année|ans)\b)?"
    ),
    log_in=words("se connecter", "connexion", "connectez-vous", "s['’]identifier"),  # [guess]
    # "Se connecter" / "Connexion" [guess]; "Continuer" identifier-first [guess]
    sign_in_submit=words(
        "se connecter", "connexion", "connectez-vous", "continuer", "s['’]identifier", "ouvrir une session"
    ),
    # Social sign-in: Google, Apple, Facebook [official] help centre ("Continue with …"); the rest [guess]
    other_service=anywhere(
        r"\bgoogle\b", r"\bapple\b", r"\bfacebook\b", r"organisation", r"authentification unique", r"\bsso\b"
    ),
    two_factor_field=anywhere(
        "code de v[ée]rification",
        "code [àa] usage unique",
        "authentifica",
        "code de s[ée]curit[ée]",
        "deux [ée]tapes",
        "2 [ée]tapes",
        "deux facteurs",
        "double authentification",
    ),  # [guess]
    two_factor_submit=words(
        "v[ée]rifier", "valider", "continuer", "envoyer", "soumettre", "se connecter", "connexion"
    ),  # [guess]
    # "Menu déroulant de l'utilisateur pour <nom>" [guess] (the English label, translated);
    # one group: the name
    avatar_label=words(
        rf"menu (?:d[ée]roulant )?(?:de l{A}utilisateur |utilisateur |du profil |du compte )?"
        rf"(?:pour |de |d{A})(.+)"
    ),
    menu_settings=words("param[èe]tres", "r[ée]glages", "param[èe]tres du compte"),  # [guess]
    menu_my_purchases=words("mes achats"),  # [guess]
    settings_heading=words(
        "param[èe]tres du compte", "param[èe]tres", "r[ée]glages du compte", "r[ée]glages"
    ),  # [guess]
    subscriptions_link=words("abonnements", "mes abonnements"),  # [guess]
    subscriptions_heading=words(
        "abonnements",
        "g[ée]rer (?:les|mes|vos) abonnements",
        "mes abonnements",
        "vos abonnements",
    ),  # [guess]
    my_purchases_heading=words("mes achats"),  # [guess]
    manage_subscriptions_tab=words(
        "g[ée]rer (?:les|mes|vos) abonnements", f"g[ée]rer (?:l{A}|mon |votre )abonnement"
    ),  # [guess]
    # "Annuler l'abonnement" [guess]; "Annuler" [guess] (the help centre's "Cancel");
    # "Résilier …" [guess], the usual French word for ending a subscription
    row_cancel=words(
        "annuler",
        f"annuler (?:l{A}|mon |votre )abonnement",
        f"annuler (?:l{A}|mon |votre )(?:essai gratuit|essai|p[ée]riode d{A}essai)",
        f"annuler la p[ée]riode d{A}essai",
        "r[ée]silier",
        f"r[ée]silier (?:l{A}|mon |votre )abonnement",
    ),
    cancelled=anywhere(r"\b(?:annul|r[ée]sili)(?:é|ée|és|ées)\b"),  # "Annulé(e)" [guess]
    paused=anywhere(
        r"\ben pause\b", r"\bmise? en pause\b", r"\bsuspendue?s?\b"
    ),  # "En pause" [guess]
    trial=anywhere(
        r"\bessai gratuit\b",
        rf"\bp[ée]riode d{A}essai\b",
        rf"\bversion d{A}essai\b",
        r"\b(?:en|votre) essai\b",
    ),  # "Essai gratuit" [guess]
    trial_ends=(
        rf"(?:l{A})?essai(?: gratuit)? (?:se termine|prend fin|expire)(?: le)?"
        rf"|fin de (?:l{A}|votre )?essai(?: gratuit)?"
        rf"|(?:la )?p[ée]riode d{A}essai (?:se termine|prend fin|expire)(?: le)?"
        rf"|fin de (?:la )?p[ée]riode d{A}essai"
        rf"|essai(?: gratuit)? jusqu{A}au"
        r"|se termine le|prend fin le"
    ),  # [guess]
    next_billing=(
        r"prochaine (?:date de )?(?:facturation|[ée]ch[ée]ance|paiement)"
        r"|date de (?:la )?prochaine (?:facturation|[ée]ch[ée]ance)"
        r"|date du prochain (?:paiement|pr[ée]l[èe]vement)"
        r"|prochain (?:paiement|pr[ée]l[èe]vement|d[ée]bit)(?: le)?"
        r"|renouvel(?:lement|[ée]|le)(?: le)?|se renouvelle(?: le)?"
        r"|premier (?:paiement|pr[ée]l[èe]vement)(?: le)?"
        r"|(?:sera |serez )?(?:factur|d[ée]bit|pr[ée]lev)[ée]e?s? le"
    ),  # "Prochaine date de facturation" [guess]
    access_until=(
        rf"(?:acc[èe]s|en pause|disponible|accessible|suspendue?) jusqu{A}(?:au|à)|jusqu{A}au|jusqu{A}à"
    ),  # "Accès jusqu'au <date>" [guess]
    no_subscription=anywhere(
        rf"\b(?:aucun|pas d{A}|plus d{A}|n{A}avez aucun)[^.]*abonnements?"
    ),  # "Vous n'avez aucun abonnement" [guess]
    # Labels (lower case) of who bills or provides: "Facturé par" [guess]
    provided_by=r"fourni(?:e)? par|offert(?:e)? par|propos[ée]e? par",  # [guess]
    card_ending=r"se terminant par|finissant par|terminant par|se termine par|terminée par",  # [guess]
    billed_by=(
        "facturé par",
        "facturée par",
        "facturé via",
        "facturation via",
        "fourni par",
        "fournie par",
        "géré par",
        "facturation",
        "moyen de paiement",
        "mode de paiement",
    ),
    # "Apple" [official] the brief; App Store, iTunes: brand names, as in en.py; "application iOS" [guess]
    apple=anywhere(
        r"\bapple\b",
        "app store",
        "itunes",
        r"\bapplication (?:coursera )?(?:pour |sur )?ios\b",
        r"\bapp ios\b",
    ),
    # "Google Play", "Play Store" [official] the brief; "application Android" [guess]
    google_play=anywhere(
        "google play",
        "play store",
        r"\bapplication (?:coursera )?(?:pour |sur )?android\b",
        r"\bapp android\b",
    ),
    # "Coursera for Campus" [official] the brief; for Business/Government: brand names, as in en.py;
    # the French words [guess]
    organization=anywhere(
        r"\bfournie? par\b",
        r"\bofferte? par votre\b",
        r"coursera for (?:business|campus|government)",
        r"votre (?:organisation|entreprise|employeur|université|établissement)",
        r"\bemployeur\b",
    ),
    proceed=words(
        "continuer",
        "suivant",
        "envoyer",
        "soumettre",
        "valider",
        f"continuer (?:l{A}annulation|[àa] annuler|vers l{A}annulation)",
    ),  # [guess]
    skip=words(
        "passer",
        "ignorer",
        f"passer (?:cette [ée]tape|cette question|le questionnaire|le sondage|l{A}enqu[êe]te)",
        "ignorer (?:cette [ée]tape|cette question|le questionnaire)",
    ),  # [guess]
    neutral_reasons=(
        words(
            "je pr[ée]f[èe]re ne pas (?:le )?(?:dire|r[ée]pondre|pr[ée]ciser)",
            "pr[ée]f[èe]re ne pas (?:le )?(?:dire|r[ée]pondre|pr[ée]ciser)",
            "je ne souhaite pas (?:le )?(?:dire|r[ée]pondre|pr[ée]ciser)",
        ),  # [guess]
        words(
            "autre",
            "autres? raisons?",
            "autre chose",
            "aucune de ces r[ée]ponses",
            "aucune des (?:r[ée]ponses|raisons) ci-dessus",
        ),  # [guess]
    ),
    # "Conserver mon accès jusqu'au …", "À la fin de votre période de facturation (…)" [guess]
    at_period_end=anywhere(
        rf"(?:conserver|garder) (?:mon |l{A}|votre )?acc[èe]s jusqu{A}",
        r"[àa] la fin de (?:ma |votre |la )?(?:p[ée]riode|cycle)"
        r" (?:de facturation|d['’]abonnement|pay[ée]e|de paiement|en cours)",
        r"[àa] la fin (?:du|de mon|de votre) (?:cycle|mois|p[ée]riode) (?:de facturation|en cours|actuel)",
        r"(?:lorsque|quand|une fois que) (?:ma|votre|la) p[ée]riode (?:de facturation )?"
        r"(?:actuelle |en cours )?(?:se termine|prend fin)",
    ),
    immediately=anywhere(
        r"^imm[ée]diatement",
        r"\bmettre fin (?:[àa] (?:mon|l['’]) abonnement )?(?:maintenant|d[èe]s maintenant)",
        r"perdre (?:l['’]acc[èe]s|mon acc[èe]s) (?:aujourd['’]hui|maintenant|imm[ée]diatement)",
    ),  # [guess]
    # "Non merci, continuer l'annulation" [guess]
    decline_offer=words(
        rf"non,? merci(?:,? (?:continuer|poursuivre) (?:l{A}annulation|[àa] annuler))?",
        rf"(?:continuer|poursuivre) (?:l{A}annulation|[àa] annuler|vers l{A}annulation)",
        r"je (?:veux|souhaite) (?:quand m[êe]me|toujours) annuler",
        r"annuler quand m[êe]me",
        rf"(?:ignorer|passer) (?:cette |l{A})?offre",
        r"pas int[ée]ress[ée]e?",
        rf"(?:refuser|d[ée]cliner)(?: (?:l{A}|cette )offre)?",
    ),
    offer_pause=anywhere(r"\bpause", r"\bsuspendre\b"),  # [guess] "a temporary pause", translated
    offer_discount=anywhere(
        r"\d+\s?%\s?de (?:r[ée]duction|remise)",
        r"-\s?\d+\s?%",
        r"[ée]conomisez \d+\s?%",
        r"\br[ée]duction",
        r"\bremise",
        r"moiti[ée] prix",
        r"(?:prix|tarif) r[ée]duit",
    ),  # [guess]
    offer_annual=anywhere(
        r"\bannuel(?:le)?\b",
        r"\bà l['’]année\b",
        r"passer (?:à|a|au) (?:l['’]abonnement |la formule |le forfait |un abonnement )?annuel",
    ),  # [guess]
    # "Oui, annuler" [guess] ("Yes, Cancel"); "Annuler l'abonnement" [guess] ("Cancel subscription")
    confirm=words(
        "oui,? annuler",
        f"oui,? annuler (?:l{A}|mon |votre )(?:abonnement|essai gratuit|essai|p[ée]riode d{A}essai)",
        f"annuler (?:l{A}|mon |votre )abonnement",
        f"annuler (?:l{A}|mon |votre )(?:essai gratuit|essai|p[ée]riode d{A}essai)",
        f"confirmer (?:l{A}|mon |votre )?annulation",
        "oui,? r[ée]silier",
        f"r[ée]silier (?:l{A}|mon |votre )abonnement",
        "confirmer la r[ée]siliation",
    ),
    # "Conserver l'abonnement" [guess] ("Keep Subscription"); the rest [guess]
    way_back=words(
        f"(?:conserver|garder) (?:l{A}|mon |votre |ma )?"
        "(?:abonnement|essai gratuit|essai|forfait|formule|coursera plus)",
        f"continuer (?:[àa] apprendre|mon apprentissage|l{A}apprentissage)",
        "retour",
        "revenir(?: en arri[èe]re)?",
        "retourner",
        r"non,? (?:je )?(?:le |la )?(?:conserve|garde)(?: mon abonnement)?",
        f"non,? (?:conserver|garder)(?: mon abonnement| l{A}abonnement)?",
        "pas maintenant",
        "ne pas annuler",
        "finalement non",
        r"non,? revenir(?: en arri[èe]re)?",
        "rester",
    ),
    close=words(
        "fermer",
        "×",
        "x",
        "ignorer",
        "fermer la bo[îi]te de dialogue",
        "fermer la fen[êe]tre(?: modale| de dialogue)?",
    ),  # [guess]
    terms=anywhere(
        r"\bacc[èe]s\b", r"\bfactur\w*", r"\bd[ée]bit\w*", r"\bpr[ée]l[èe]v\w*", r"\brembours\w*"
    ),  # [guess]
    # "Votre abonnement a été annulé." [guess]; no \b after an accented letter (JavaScript)
    cancelled_notice=anywhere(r"\bannul(?:é|ée)", r"\br[ée]sili(?:é|ée)"),
    # Cookie consent banners (OneTrust and the like) [official] "some regions show a cookie
    # banner"; French banners say "cookies" and sometimes "traceurs" [guess]
    cookie=anywhere(r"\bcookies?\b", r"\btraceurs?\b"),
    cookie_reject=words(
        "tout refuser",
        "refuser(?: tout| tous les cookies| les cookies)?",
        "refuser les cookies (?:non essentiels|optionnels|facultatifs)",
        "rejeter(?: tout| tous les cookies)?",
        "continuer sans accepter",
        "(?:uniquement|seulement) (?:les )?(?:cookies )?(?:strictement )?n[ée]cessaires",
        "cookies (?:strictement )?n[ée]cessaires (?:uniquement|seulement)",
        "(?:strictement )?n[ée]cessaires (?:uniquement|seulement)",
        "cookies essentiels uniquement",
    ),  # [guess]
    cookie_accept=words(
        "tout accepter",
        "accepter(?: tout| tous les cookies| les cookies)?",
        "autoriser (?:tout|tous les cookies)",
        "j['’]accepte",
        "d['’]accord",
        "j['’]ai compris",
        "compris",
        "ok",
    ),  # [guess]
    one_tap_close=words("fermer", "ignorer", "×"),  # Google One Tap [official]; its French [guess]
)
