"""Portuguese (Brazil). Sources: [official] Coursera's help centre, Terms or front-end code; [code]
public automation code that drove the real site; [guide] third-party guides; [guess] ours (see
../shared/coursera-site.md). No public source for any Portuguese wording of coursera.org is
known (only the Spanish sign-in "Iniciar sesión" is seen in code), so every wording here is
[guess]: the English table's meaning, in the words a Brazilian site most plausibly uses, with
alternatives. Brand names Coursera does not translate (Coursera Plus, Google Play, App Store,
Apple) stay as they are. Patterns used as accessible names are also run in the browser (as
JavaScript regular expressions): there they use no `\\b` next to an accented letter.
A wording met on a new rendering goes here, with its source."""

from __future__ import annotations

from automator.sites.coursera.strings import Strings, anywhere, words

MONTH = (
    r"(?:jan(?:eiro)?|fev(?:ereiro)?|mar(?:[çc]o)?|abr(?:il)?|mai(?:o)?|jun(?:ho)?|jul(?:ho)?"
    r"|ago(?:sto)?|set(?:embro)?|out(?:ubro)?|nov(?:embro)?|dez(?:embro)?)"
)

PT_BR = Strings(
    language="pt-BR",
    locale="pt-BR",
    # "14 de dezembro de 2026", "1º de maio de 2026" [guess]; "14 de dez. de 2026", "14 dez 2026" [guess]
    date=rf"\d{{1,2}}º?(?: de |\s){MONTH}\.?(?: de |\s)\d{{4}}",
    months=(
        "jan(?:eiro)?", "fev(?:ereiro)?", "mar(?:[çc]o)?", "abr(?:il)?", "mai(?:o)?", "jun(?:ho)?",
        "jul(?:ho)?", "ago(?:sto)?", "set(?:embro)?", "out(?:ubro)?", "nov(?:embro)?", "dez(?:embro)?",
    ),
    # "US$ 59,00/mês", "R$ 299,90 por ano", "US$ 59 ao mês", "59,00 US$/mês" [guess]
    price=(
        r"(?:(?:(?:US|R|A|C)\$|\$|€|£)\s?\d{1,3}(?:\.\d{3})*(?:,\d\d)?"
        r"|\d{1,3}(?:\.\d{3})*,\d\d\s?(?:US\$|R\$|€))"
        r"(?:\s*(?:/|por|ao|a cada|cada)\s*(?:mês|mes|ano)\b)?"
    ),
    log_in=words("entrar", "fazer login", "login", "acessar", "iniciar sess[ãa]o"),  # [guess]
    # "Entrar" [guess]; "Continuar" identifier-first [guess]; "Login" left in English [guess]
    sign_in_submit=words("entrar", "fazer login", "login", "continuar", "acessar", "iniciar sess[ãa]o"),
    # Social and organisation sign-in [guess] ("Continuar com Google", "Entrar com sua organização")
    other_service=anywhere(
        r"\bgoogle\b",
        r"\bapple\b",
        r"\bfacebook\b",
        r"organiza[çc][ãa]o",
        r"institui[çc][ãa]o",
        r"login [úu]nico",
        r"logon [úu]nico",
        r"\bsso\b",
        r"outro servi[çc]o",
    ),
    two_factor_field=anywhere(
        "código de verificação",
        "codigo de verificacao",
        "código único",
        "código de uso único",
        "autentica",
        "código de segurança",
        "duas etapas",
        "dois fatores",
    ),  # [guess]
    two_factor_submit=words("verificar", "continuar", "enviar", "confirmar", "entrar"),  # [guess]
    # "Menu suspenso do usuário para <nome>" [guess] (English "User dropdown menu for" [official])
    avatar_label=words(
        r"(?:menu (?:suspenso |dropdown |de opções )?(?:do usuário|de usuário|da conta|do perfil)"
        r"(?: (?:para|de|do|da))?|menu (?:suspenso |dropdown )?(?:para|de)) (.+)"
    ),
    menu_settings=words("configura[çc][õo]es", "configura[çc][õo]es da conta", "ajustes"),  # [guess]
    menu_my_purchases=words("minhas compras", "compras"),  # [guess]
    settings_heading=words("configura[çc][õo]es da conta", "configura[çc][õo]es"),  # [guess]
    subscriptions_link=words("assinaturas", "minhas assinaturas"),  # [guess]
    subscriptions_heading=words(
        "assinaturas", "gerenciar assinaturas", "minhas assinaturas", "suas assinaturas"
    ),  # [guess]
    my_purchases_heading=words("minhas compras"),  # [guess]
    manage_subscriptions_tab=words("gerenciar assinaturas", "gerenciar minhas assinaturas"),  # [guess]
    # "Cancelar assinatura" [guess]; "Cancelar" [guess] (English "Cancel" [official] help centre);
    # "Cancelar avaliação gratuita", "Cancelar teste grátis" [guess]
    row_cancel=words(
        "cancelar",
        "cancelar (?:a |minha )?assinatura",
        "cancelar (?:a )?avalia[çc][ãa]o gratuita",
        "cancelar (?:o )?(?:per[íi]odo de )?teste(?: gr[áa]tis| gratuito)?",
        "cancelar (?:o )?per[íi]odo (?:de avalia[çc][ãa]o|gratuito)",
    ),
    cancelled=anywhere(r"\bcancelad[oa]s?\b"),  # "Cancelada" [guess]
    paused=anywhere(r"\bpausad[oa]s?\b"),  # "Pausada" [guess]
    trial=anywhere(
        r"\bavalia[çc][ãa]o gratuita",
        r"\bteste gr[áa]tis",
        r"\bteste gratuito",
        r"\bper[íi]odo (?:de avalia[çc][ãa]o|de teste|gratuito)",
    ),  # "Avaliação gratuita" [guess]
    # "Fim da avaliação", "Sua avaliação gratuita termina em" [guess]
    trial_ends=(
        r"(?:sua )?avalia[çc][ãa]o gratuita termina(?: em)?|fim da avalia[çc][ãa]o(?: gratuita)?"
        r"|t[ée]rmino da avalia[çc][ãa]o(?: gratuita)?"
        r"|(?:o )?(?:per[íi]odo de )?teste(?: gr[áa]tis| gratuito)? termina(?: em)?"
        r"|avalia[çc][ãa]o(?: gratuita)? at[ée]|termina em|encerra(?:-se)? em"
    ),
    # "Próxima data de cobrança" [guess]
    next_billing=(
        r"pr[óo]xima (?:data de )?(?:cobran[çc]a|fatura|pagamento|renova[çc][ãa]o)(?: em)?"
        r"|data da pr[óo]xima (?:cobran[çc]a|fatura)|renova(?:-se)?(?: em)?|ser[áa] cobrad[oa] em"
        r"|cobrad[oa] em|primeir[oa] (?:cobran[çc]a|pagamento)(?: em)?"
    ),
    access_until=r"(?:acesso|pausad[oa]|dispon[íi]vel) at[ée]|at[ée]",  # "Acesso até" [guess]
    no_subscription=anywhere(
        r"\b(?:não|nenhuma)\b[^.]*\bassinaturas?\b", r"\bsem assinaturas?\b"
    ),  # "Você não tem nenhuma assinatura" [guess]
    # Labels (lower case) of who bills: "Cobrado por" [guess]. Not "fornecido por": an
    # organisation's row is found by `organization` below (see the report on subscriptions.py).
    provided_by=r"fornecid[oa] por|oferecid[oa] por",  # [guess]
    card_ending=r"com final|terminado em|terminando em|final",  # [guess]
    billed_by=(
        "cobrado por",
        "cobrada por",
        "faturado por",
        "faturada por",
        "gerenciado por",
        "gerenciada por",
        "cobrança",
        "faturamento",
        "forma de pagamento",
        "método de pagamento",
    ),
    # "app para iOS" [guess]; Apple, App Store, iTunes are not translated
    apple=anywhere(
        r"\bapple\b", "app store", "itunes", r"\bapp (?:para|do) ios\b", r"aplicativo (?:para|do) ios\b"
    ),
    # "app para Android" [guess]; Google Play is not translated
    google_play=anywhere(
        "google play", "play store", r"\bapp (?:para|do) android\b", r"aplicativo (?:para|do) android\b"
    ),
    organization=anywhere(
        r"\bfornecid[oa] por\b",
        r"\boferecid[oa] por\b",
        r"coursera for (?:business|campus|government)",
        r"coursera para (?:empresas|campus|governos?)",
        r"sua organiza[çc][ãa]o",
        r"sua institui[çc][ãa]o",
        r"sua empresa",
        r"\bempregador\b",
    ),  # [guess]; "Coursera for Campus" is a brand name [official]
    proceed=words(
        "continuar", "próximo", "avançar", "enviar", "prosseguir", "continuar (?:com o )?cancelamento"
    ),  # [guess]
    skip=words(
        "pular", "pular (?:esta|essa) (?:etapa|pergunta|pesquisa)", "pular pesquisa", "ignorar"
    ),  # [guess]
    neutral_reasons=(
        words("prefiro não (?:dizer|informar|responder|compartilhar)"),  # [guess]
        words(
            "outros?",
            "outros? motivos?",
            "outra raz[ãa]o",
            "outra coisa",
            "nenhuma das (?:op[çc][õo]es )?(?:acima|anteriores)",
        ),  # [guess]
    ),
    # "Manter meu acesso até …", "No final do período de cobrança (…)" [guess]
    at_period_end=anywhere(
        r"manter (?:o |meu )?acesso até",
        r"(?:no|ao) (?:final|fim) do (?:meu |seu |atual )?(?:período|ciclo)"
        r"(?: atual)? (?:de cobrança|de faturamento|da assinatura|pago)",
        r"quando (?:o |meu |seu )?(?:período|ciclo) (?:atual )?"
        r"(?:de cobrança |de faturamento )?(?:terminar|acabar)",
    ),
    immediately=anywhere(
        r"^imediatamente",
        r"encerrar (?:a assinatura |minha assinatura )?agora",
        r"perder (?:o )?acesso (?:hoje|agora|imediatamente)",
    ),  # [guess]
    # "Não, obrigado, continuar cancelando" [guess]
    decline_offer=words(
        r"não,? obrigad[oa](?:,? (?:continuar|quero) cancel(?:ando|ar|amento))?",
        r"não,? obrigad[oa],? continuar com o cancelamento",
        "continuar (?:com o )?cancelamento",
        "continuar cancelando",
        "quero cancelar(?: mesmo assim)?",
        "ainda quero cancelar",
        "cancelar mesmo assim",
        r"não,? (?:continuar|prosseguir)(?: com o cancelamento| cancelando)?",
        "pular(?: esta| essa)? oferta",
        "não tenho interesse",
        "recusar(?: (?:a )?oferta)?",
    ),
    offer_pause=anywhere(r"\bpaus"),  # [guess] "Pausar por 1 mês"
    offer_discount=anywhere(
        r"\d+\s?% de desconto",
        r"\bdesconto",
        r"\beconomize \d+\s?%",
        r"metade do preço",
        r"preço reduzido",
        r"\d+\s?% off",
    ),  # [guess]
    offer_annual=anywhere(
        r"\banual\b", r"\banualmente\b", r"mude para o plano anual", r"troque para o plano anual"
    ),  # [guess]
    # "Sim, cancelar" [guess] (English "Yes, Cancel" [guide]); "Cancelar assinatura" [guess]
    # (English "Cancel subscription" [official] free-trial article); "Confirmar cancelamento" [guess]
    confirm=words(
        "sim, cancelar",
        "sim, cancelar (?:a |minha )?(?:assinatura|avalia[çc][ãa]o gratuita|teste gr[áa]tis)",
        "cancelar (?:a |minha )?assinatura",
        "confirmar (?:o )?cancelamento",
        "cancelar (?:a |minha )?avalia[çc][ãa]o gratuita",
        "cancelar (?:o |meu )?teste(?: gr[áa]tis| gratuito)?",
    ),
    # "Manter assinatura", "Manter minha avaliação gratuita" [guess]
    way_back=words(
        "manter (?:a |minha )?(?:assinatura|avalia[çc][ãa]o gratuita|teste gr[áa]tis|plano|coursera plus)",
        "voltar",
        "deixa pra lá",
        "agora não",
        "não cancelar",
        "não,? voltar",
        r"não,? manter(?: a assinatura| minha assinatura)?",
        "continuar aprendendo",
        "ficar",
    ),
    close=words(
        "fechar", "×", "x", "dispensar", "fechar (?:a )?(?:caixa de )?di[áa]logo", "fechar janela"
    ),  # [guess]
    terms=anywhere(
        r"\bacesso\b",
        r"\bcobrad[oa]s?\b",
        r"\bcobran[çc]a",
        r"\bfaturad[oa]",
        r"\bfaturamento\b",
        r"\breembols",
    ),  # [guess]
    cancelled_notice=anywhere(r"\bcancelad[oa]s?\b"),  # "Sua assinatura foi cancelada." [guess]
    # Cookie consent banners (OneTrust and the like): "cookies" is not translated [guess]
    cookie=anywhere(r"\bcookies?\b"),
    cookie_reject=words(
        "rejeitar todos",
        r"rejeitar(?: todos)?(?: os)?(?: cookies)?(?: não essenciais| opcionais| adicionais)?",
        "recusar(?: todos)?(?: os)?(?: cookies)?",
        r"(?:somente|apenas) (?:os )?(?:cookies )?(?:estritamente )?(?:necessários|essenciais)",
        r"usar (?:somente|apenas) (?:os )?(?:cookies )?(?:estritamente )?necessários",
        "negar(?: todos)?",
    ),  # [guess]
    cookie_accept=words(
        "aceitar(?: todos)?(?: os)?(?: cookies)?",
        "permitir todos(?: os)?(?: cookies)?",
        "aceito",
        "eu concordo",
        "concordo",
        "entendi",
        "ok",
    ),  # [guess]
    one_tap_close=words("fechar", "dispensar", "×"),  # Google One Tap in Portuguese [guess]
)
