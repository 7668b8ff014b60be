"""Spanish (es.coursera.org, the account language "Español", browser locale es-419). Sources:
[official] Coursera's help centre, Terms or front-end code; [code] public automation code that
drove the real site; [guide] third-party guides; [guess] ours (see ../shared/coursera-site.md).
Only the sign-in's "Iniciar sesión" is seen in public code; every other wording is a guess at
how Coursera's translation table words the English one, with the variants a translator might
have chosen. A wording met on a real Spanish rendering goes here, with its source.

The patterns given to Playwright (accessible names, `has_text`) run as JavaScript regular
expressions without the `u` flag, where `\\b` only knows ASCII letters: none of them puts `\\b`
next to an accented letter.
"""

from __future__ import annotations

from automator.sites.coursera.strings import Strings, anywhere, words

MONTH = (
    r"(?:ene(?:ro)?|feb(?:rero)?|mar(?:zo)?|abr(?:il)?|may(?:o)?|jun(?:io)?|jul(?:io)?|ago(?:sto)?"
    r"|sep(?:t(?:iembre)?)?|set(?:iembre)?|oct(?:ubre)?|nov(?:iembre)?|dic(?:iembre)?)"
)
# The currency before the amount ("US$ 59,00") or after it ("59,00 US$"), as es-419 writes it.
CURRENCY = r"(?:(?:US|MX|CA|AR|CL|CO|UY)?\$|€|£|S/|USD|EUR|MXN)"
AMOUNT = r"\d+(?:[.,]\d{3})*(?:[.,]\d{2})?"
PERIOD = r"(?:\s*(?:/|al|por|cada|x)\s*(?:mes|año)\b)?"

ES = Strings(
    language="es",  # what a Spanish page declares in <html lang> [guess]
    locale="es-419",  # Latin American Spanish, the variant Coursera's Spanish is written in [guess]
    # "14 de diciembre de 2026" [guess] (Spanish long date); "14 dic. 2026", "1º de enero de 2027" [guess]
    date=rf"\d{{1,2}}º? (?:de )?{MONTH}\.?,? (?:del? )?\d{{4}}",
    months=(
        "ene(?:ro)?", "feb(?:rero)?", "mar(?:zo)?", "abr(?:il)?", "may(?:o)?", "jun(?:io)?", "jul(?:io)?",
        "ago(?:sto)?", "sep(?:t(?:iembre)?)?|set(?:iembre)?", "oct(?:ubre)?", "nov(?:iembre)?",
        "dic(?:iembre)?",
    ),  # [guess] the month names, with "setiembre" (Peru, Uruguay) and three-letter abbreviations
    # "59,00 US$/mes", "US$ 59,00 al mes", "399 US$ por año" [guess]
    price=rf"(?:{CURRENCY}\s?{AMOUNT}(?:\s?USD)?|{AMOUNT}\s?{CURRENCY}){PERIOD}",
    # "Iniciar sesión" [code] the Spanish sign-in strings (coursera-site.md; which control carries it is not
    # said); "Inicia sesión", "Ingresar", "Acceder" [guess]
    log_in=words("iniciar sesi[oó]n", "inicia sesi[oó]n", "ingresar", "ingresa", "acceder", "entrar"),
    # "Iniciar sesión" [code] as above; "Continuar" identifier-first [guess] (English "Continue" [code])
    sign_in_submit=words(
        "iniciar sesi[oó]n", "inicia sesi[oó]n", "ingresar", "acceder", "entrar", "continuar"
    ),
    # "Continuar con Google / Facebook / Apple", "Inicia sesión con tu organización" [guess]
    other_service=anywhere(
        r"\bgoogle\b", r"\bapple\b", r"\bfacebook\b", r"organizaci[oó]n", "inicio de sesi[oó]n [uú]nico",
        r"\bsso\b", r"con otro servicio",
    ),
    two_factor_field=anywhere(
        "c[oó]digo de verificaci[oó]n", "c[oó]digo de un solo uso", "autenticaci[oó]n", "autenticador",
        "c[oó]digo de seguridad", "verificaci[oó]n en dos pasos", "dos factores", "c[oó]digo de 6 d[ií]gitos",
    ),  # [guess]
    two_factor_submit=words(
        "verificar", "continuar", "enviar", "confirmar", "iniciar sesi[oó]n", "inicia sesi[oó]n"
    ),  # [guess]
    # "Menú desplegable de usuario para <nombre>" [guess] (English [official]); one group: the name
    avatar_label=words(
        r"(?:men[uú] desplegable (?:del? )?usuario|men[uú] (?:del? )?usuario|men[uú] de (?:la )?cuenta)"
        r" (?:para|de) (.+)"
    ),
    menu_settings=words("configuraci[oó]n", "ajustes", "configuraci[oó]n de (?:la )?cuenta"),  # [guess]
    menu_my_purchases=words("mis compras", "compras"),  # [guess]
    # "Configuración de la cuenta" [guess] (English "Account settings" [guide])
    settings_heading=words(
        "configuraci[oó]n de (?:la|tu) cuenta", "configuraci[oó]n", "ajustes de (?:la |tu )?cuenta", "ajustes"
    ),
    subscriptions_link=words("suscripciones", "mis suscripciones"),  # [guess] Settings → sidebar
    # "Suscripciones", "Administrar suscripciones" [guess]
    subscriptions_heading=words(
        "suscripciones",
        "(?:administrar|gestionar) (?:las |mis |tus )?suscripciones",
        "mis suscripciones",
        "tus suscripciones",
    ),
    my_purchases_heading=words("mis compras"),  # [guess]
    manage_subscriptions_tab=words(
        "(?:administrar|gestionar) (?:las |mis |tus )?suscripciones", "mis suscripciones"
    ),  # [guess] (English "Manage Subscriptions" [official])
    # "Cancelar suscripción" [guess] (English "Cancel Subscription" [guide], "Cancel" [official])
    row_cancel=words(
        "cancelar",
        "cancelar (?:la |mi |tu )?suscripci[oó]n",
        "cancelar (?:la |mi |tu )?prueba(?: gratuita| gratis)?",
        "cancelar (?:el )?per[ií]odo de prueba",
    ),
    cancelled=anywhere(r"\bcancelad[oa]s?\b", r"\bse cancel[oó]", r"\bcancelaste\b"),  # [guess]
    paused=anywhere(r"\bpausad[oa]s?\b", r"\ben pausa\b", r"\bse paus[oó]"),  # [guess]
    trial=anywhere(
        r"\bprueba gratuita\b", r"\bprueba gratis\b", r"\bper[ií]odo de prueba\b",
        r"\b(?:en|durante) (?:tu|la|una|el) (?:per[ií]odo de )?prueba\b",
    ),  # [guess] (English [official] 7-day free trials)
    trial_ends=(
        r"(?:la |tu )?prueba(?: gratuita| gratis)? (?:termina|finaliza|vence)(?: el)?"
        r"|fin de (?:la |tu )?prueba(?: gratuita| gratis)?"
        r"|(?:el )?per[ií]odo de prueba (?:termina|finaliza|vence)(?: el)?"
        r"|prueba(?: gratuita)? hasta(?: el)?|termina el|finaliza el|vence el"
    ),  # [guess]
    next_billing=(
        r"pr[oó]xim[oa] (?:fecha de )?(?:facturaci[oó]n|pago|cobro|factura)"
        r"|fecha de (?:renovaci[oó]n|facturaci[oó]n|cobro)"
        r"|se renueva(?: el)?|renovaci[oó]n(?: el)?|(?:primer|pr[oó]ximo) (?:pago|cobro)(?: el)?"
        r"|(?:se (?:te )?)?cobrar[aá](?: el)?|facturado el"
    ),  # "Próxima fecha de facturación" [guess]
    # "Acceso hasta", "hasta el <fecha>" [guess] (English "access until <date>" [official] Terms)
    access_until=r"(?:acceso|disponible|en pausa|pausad[oa]|pausa) hasta(?: el)?|hasta(?: el)?",
    no_subscription=anywhere(
        r"\b(?:no tienes|no tiene|no hay|no cuentas con|ninguna)\b[^.]*suscripci[oó]n(?:es)?",
        r"\bsin suscripciones\b",
    ),  # [guess]
    provided_by=r"proporcionad[oa] por|ofrecid[oa] por|provist[oa] por",  # [guess]
    card_ending=r"terminada en|que termina en|terminación|termina en|finalizada en",  # [guess]
    billed_by=(
        "facturado por", "facturada por", "facturación a través de", "proporcionado por",
        "proporcionada por", "administrado por", "administrada por", "gestionado por", "cobrado por",
        "facturación", "método de pago", "forma de pago",
    ),  # [guess]
    apple=anywhere(
        r"\bapple\b", "app store", "itunes", r"\b(?:app|aplicaci[oó]n) (?:de coursera )?(?:para|de) ios\b"
    ),  # [guess]: the brand names kept as they are; the Spanish around them (English [official] the brief)
    google_play=anywhere(
        "google play", "play store",
        r"\b(?:app|aplicaci[oó]n) (?:de coursera )?(?:para|de) android\b",
    ),  # [guess]: the brand names kept as they are; the Spanish around them (English [official] the brief)
    organization=anywhere(
        r"\bproporcionad[oa] por\b",
        r"\bofrecid[oa] por\b",
        r"coursera (?:for|para) (?:business|campus|government|empresas|el gobierno|gobiernos)",
        r"\btu organizaci[oó]n\b",
        r"\b(?:tu )?empleador\b",
        r"\btu universidad\b",
    ),  # [guess] (English [official] the brief; "Coursera for Campus" kept as a brand)
    proceed=words(
        "continuar", "siguiente", "enviar", "seguir",
        "continuar (?:con la cancelaci[oó]n|cancelando|para cancelar)",
    ),  # [guess]
    skip=words(
        "omitir", "saltar", "omitir (?:este paso|esta pregunta|la encuesta|encuesta)",
        "saltar (?:este paso|esta pregunta|la encuesta)",
    ),  # [guess]
    neutral_reasons=(
        words("prefiero no (?:decirlo|decir|responder|contestar|especificar(?:lo)?)"),  # [guess]
        words(
            "otros?", "otras?", "otros? motivos?", "otras? razon(?:es)?", "otra raz[oó]n", "algo m[aá]s",
            "ninguna de las anteriores", "ninguno de los anteriores",
        ),  # [guess]
    ),
    # "Mantener el acceso hasta …", "Al final de tu período de facturación (…)" [guess]
    at_period_end=anywhere(
        r"(?:mantener|conservar) (?:mi |el |tu )?acceso hasta",
        r"al (?:final|t[eé]rmino) (?:de tu|de mi|del) (?:actual )?(?:per[ií]odo|ciclo) de "
        r"(?:facturaci[oó]n|suscripci[oó]n|pago)",
        r"cuando (?:termine|finalice) (?:mi|tu|el) (?:actual )?(?:per[ií]odo|ciclo)",
    ),
    immediately=anywhere(
        r"^inmediatamente",
        r"^de inmediato",
        r"\b(?:terminar|finalizar|cancelar)(?:la| mi suscripci[oó]n)? ahora",
        r"perder(?:[aá]s)? el acceso (?:hoy|ahora|de inmediato)",
    ),  # [guess]
    # "No, gracias, continuar con la cancelación" [guess] (English "No thanks" [guess], [guide] 2025-26)
    decline_offer=words(
        r"no,? gracias",
        r"no,? gracias,? (?:continuar|seguir) (?:con la cancelaci[oó]n|cancelando)",
        r"no,? gracias,? (?:quiero|deseo) cancelar(?: mi suscripci[oó]n)?",
        r"(?:continuar|seguir) (?:con la cancelaci[oó]n|cancelando)",
        r"(?:a[uú]n|todav[ií]a|igual) (?:quiero|deseo) cancelar",
        r"cancelar de todos modos",
        r"cancelar igualmente",
        r"no,? (?:continuar|seguir)(?: con la cancelaci[oó]n| cancelando)?",
        r"omitir(?: esta)?(?: la)? oferta",
        r"no me interesa",
        r"rechazar(?: la)?(?: oferta)?",
    ),
    offer_pause=anywhere(r"\bpaus"),  # [guess] "pausar", "pausa" (English [guide] "a temporary pause")
    offer_discount=anywhere(
        r"\d+\s?% de descuento", r"\bdescuento", r"\bahorra(?:r|s)?(?: un)? \d+\s?%", r"\d+\s?% menos",
        "mitad de precio", "precio reducido",
    ),  # [guess] (English "a discounted rate" [guide])
    offer_annual=anywhere(
        r"\banual\b", r"\bplan anual\b", r"\bcambia(?:r|te)? al plan anual"
    ),  # [guess]
    # "Sí, cancelar" [guess] (English "Yes, Cancel" [guide]); "Cancelar suscripción" [guess] (English
    # "Cancel subscription" [official] free trial); "Confirmar cancelación" [guess]
    confirm=words(
        "s[ií],? cancelar",
        "s[ií],? cancelar (?:mi |la )?(?:suscripci[oó]n|prueba gratuita|prueba)",
        "cancelar (?:la |mi )?suscripci[oó]n",
        "confirmar (?:la )?cancelaci[oó]n",
        "cancelar (?:mi |la )?(?:prueba gratuita|prueba)",
    ),
    # "Mantener suscripción" [guess]; the rest [guess]
    way_back=words(
        "mantener (?:mi |la )?(?:suscripci[oó]n|prueba gratuita|prueba|plan|coursera plus)",
        "(?:mantener|conservar) mi (?:suscripci[oó]n|prueba gratuita|plan)",
        "conservar (?:la )?suscripci[oó]n",
        "seguir aprendiendo",
        "volver", "regresar", "atr[aá]s", "ahora no",
        r"no,? (?:mantener|conservar)(?: mi| la)?(?: suscripci[oó]n)?",
        "no cancelar", "no,? volver", "no,? regresar", "quedarme",
    ),
    close=words(
        "cerrar", "×", "x", "descartar", "cerrar (?:el )?(?:di[aá]logo|cuadro de di[aá]logo|ventana|modal)"
    ),  # [guess]
    terms=anywhere(r"\bacceso\b", r"\bcobr", r"\bfactur", r"\breembols"),  # [guess]
    # "Se canceló tu suscripción" [guess]
    cancelled_notice=anywhere(r"cancelad[oa]s?", r"se cancel[oó]", "cancelaste"),
    # Cookie banners: Spanish keeps the word "cookies" [guess] (English [official] a cookie banner)
    cookie=anywhere(r"\bcookies?\b"),
    cookie_reject=words(
        "rechazar todas?(?: las cookies)?",
        "rechazar(?: (?:todas )?las)?(?: cookies)?(?: no esenciales| opcionales| adicionales)?",
        r"s[oó]lo (?:las )?(?:cookies )?(?:estrictamente )?(?:necesarias|esenciales)",
        r"usar s[oó]lo (?:las )?cookies (?:necesarias|esenciales)",
        "denegar(?: todas?)?",
        "no aceptar",
    ),  # [guess]
    cookie_accept=words(
        "aceptar(?: todas?)?(?: las cookies)?", "permitir todas?(?: las cookies)?", "acepto",
        "de acuerdo", "entendido", "ok", "aceptar y cerrar",
    ),  # [guess]
    one_tap_close=words("cerrar", "descartar", "×"),  # Google One Tap in Spanish [guess]
)
