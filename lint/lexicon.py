"""Word lists the detectors use, as data.

Verbs are listed by lemma and expanded to every inflected form with lemminflect, so that detection does not depend
on the lemmatizer getting an unusual word right, and so that the prefilter can find them in raw text.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from lemminflect import getInflection

VERB_TAGS = ("VB", "VBD", "VBN", "VBG", "VBZ")


def forms(*lemmas: str) -> frozenset[str]:
    """Every inflected form of each lemma (lower case)."""
    out: set[str] = set()
    for lemma in lemmas:
        out.add(lemma)
        for tag in VERB_TAGS:
            out.update(getInflection(lemma, tag=tag))
    return frozenset(word.lower() for word in out)


# --- who can be an agent -------------------------------------------------------------------------------------------

VAGUE_ACTORS = frozenset(
    "someone somebody anyone anybody nobody everyone everybody they them people whoever whomever".split()
)
FREE_RELATIVES = frozenset("whoever whomever".split())
# Role nouns that, with "a"/"an", name an unknown person rather than a role ("a person with admin access").
INDEFINITE_PERSON_NOUNS = frozenset("person individual human user".split()) - {"user"}
# Given names that are also English words; capitalised, they are names where a person can stand ("Will deleted").
WORD_NAMES = frozenset(
    """
    will grace hunter mark bill rose faith hope joy amber dawn pat sue rob drew chase max jack guy frank victor
    miles art penny ginger holly ivy iris sky river reed forest glen dale wade heath bob gene ray sandy robin faye
    crystal destiny harmony melody rusty sunny lily daisy
    """.split()
)
UNIVERSAL_ACTORS = frozenset("anyone anybody everyone everybody".split())
AUTHORS = frozenset("i we me us".split())
PERSONAL_PRONOUNS = frozenset("he she you him her".split())
POSSESSIVE_PRONOUNS = frozenset("my our his her their your".split())
ROLES = frozenset(
    """
    engineer engineers developer developers dev devs operator operators admin admins administrator administrators
    sysadmin sysadmins dba dbas sre sres ops devops oncall on-call reviewer reviewers approver approvers committer
    maintainer maintainers team teams teammate teammates colleague colleagues coworker coworkers manager managers
    lead leads contractor contractors consultant intern interns hire hires newcomer newbie junior staff staffer
    employee employees person persons human humans individual responder responders commander analyst analysts
    tester testers qa architect architects technician technicians programmer programmers coder coders owner
    on-caller releaser deployer author authors specialist specialists guy guys
    """.split()
)
# Nouns that name people who are not part of the response; they are not treated as agents of blame.
NOT_ACTORS = frozenset("user users customer customers client clients vendor vendors".split())
# Words the NER sometimes calls PERSON that are tools.
TECH_WORDS = frozenset(
    """
    jenkins terraform ansible kubernetes k8s helm docker postgres postgresql redis kafka nginx envoy istio consul
    vault grafana prometheus alertmanager pagerduty opsgenie datadog sentry github gitlab jira slack argo argocd
    spinnaker chef puppet bazel gradle maven celery cron systemd linux aws gcp azure cloudflare fastly akamai
    nagios zabbix splunk elasticsearch kibana logstash mongodb mysql cassandra rabbitmq zookeeper etcd haproxy
    traefik spark hadoop airflow snowflake bigquery heroku netlify vercel circleci buildkite teamcity bamboo
    rundeck saltstack pulumi packer nomad vagrant podman containerd cilium calico linkerd flux fluxcd keda
    karpenter velero thanos loki tempo jaeger zipkin honeycomb newrelic dynatrace statuspage victorops rootly
    backstage sonarqube dependabot renovate kubelet kubectl kustomize gremlin cloudwatch cloudfront route53
    lambda fargate dynamodb aurora memcached varnish squid openstack openshift rancher nexus artifactory
    """.split()
)

# --- harm -----------------------------------------------------------------------------------------------------------

HARM_VERBS = forms(
    "delete",
    "drop",
    "wipe",
    "erase",
    "truncate",
    "break",
    "corrupt",
    "misconfigure",
    "mistype",
    "misspell",
    "botch",
    "bungle",
    "fumble",
    "fat-finger",
    "overwrite",
    "clobber",
    "bypass",
    "circumvent",
    "sabotage",
    "nuke",
)
HARM_PHRASAL = {  # verb lemma -> particles that make it harmful
    "mess": {"up"},
    "screw": {"up"},
    "take": {"down", "out"},
    "bring": {"down"},
    "knock": {"over", "out"},
}
HARM_PHRASAL_FORMS = {form: particles for lemma, particles in HARM_PHRASAL.items() for form in forms(lemma)}
# Verbs that harm only when their object is a safeguard ("disabled the alerts", not "disabled the feature flag").
SAFEGUARD_VERBS = forms(
    "disable", "skip", "silence", "mute", "override", "remove", "ignore", "snooze", "suppress"
)
SAFEGUARD_PHRASAL = {form: {"off"} for form in forms("turn", "switch", "shut")}
SAFEGUARD_NOUNS = frozenset(
    """
    alert alerts alarm alarms monitoring monitor monitors check checks test tests testing guard guards guardrail
    guardrails protection protections validation validations backup backups canary review reviews step stage
    stages safeguard safeguards lint linter warning warnings gate gates approval approvals runbook runbooks
    procedure procedures process checklist checklists confirmation prompt hook hooks policy policies lock locks
    page pages pager staging preflight pre-flight dry-run rehearsal verification verifications sign-off signoff
    limiter limiters breaker breakers firewall throttle throttling freeze
    """.split()
)
# Nouns for the live system; acting "against" it is the classic slip ("ran the script against production").
LIVE_NOUNS = frozenset("prod production live primary master main".split())
AIM_VERBS = forms("point", "aim", "target")
# "left debug logging on": leaving something in a state that exposes or loads the system.
LEAVE_VERBS = forms("leave")
LEFT_STATES = frozenset("on open enabled unlocked exposed public unpatched".split())
SECRET_NOUNS = frozenset(
    "secret secrets credential credentials password passwords token tokens key keys api_key private".split()
)
LEAK_VERBS = forms(
    "push", "commit", "paste", "post", "upload", "check", "publish", "share", "leak", "expose", "code"
)
# Verbs that act on something already broken: "replaced the faulty card" is the fix, not the harm.
REPAIR_VERBS = forms(
    "replace",
    "fix",
    "repair",
    "revert",
    "restore",
    "patch",
    "remove",
    "swap",
    "diagnose",
    "identify",
    "find",
    "isolate",
    "debug",
    "drain",
    "quarantine",
    "cordon",
    "evict",
    "retire",
    "decommission",
    "rebuild",
    "reimage",
)
STATE_ADJECTIVES = frozenset("broken faulty buggy bad".split())  # describe a thing, not the choice of it
# Markers of a slip anywhere in the sentence: the agent of the main verb made it.
SLIP_ADVERBS = frozenset("accidentally mistakenly inadvertently unintentionally erroneously".split())
# Actions that change a running system; an unknown person doing one is how blame is usually phrased.
CHANGE_VERBS = forms(
    "edit",
    "modify",
    "change",
    "alter",
    "push",
    "force-push",
    "deploy",
    "ship",
    "run",
    "execute",
    "apply",
    "restart",
    "reboot",
    "remove",
    "kill",
    "terminate",
    "revoke",
    "flip",
    "toggle",
    "bump",
    "set",
    "point",
    "unplug",
    "merge",
    "scale",
    "reset",
    "rename",
    "move",
    "disable",
    "enable",
    "edit",
    "tweak",
    "update",
    "upgrade",
    "downgrade",
    "rotate",
    "cut",
    "switch",
    "shut",
    "stop",
    "leave",
    "commit",
    "hard-code",
    "purge",
    "flush",
    "wipe",
    "reconfigure",
    "rewrite",
    "revert",
    "install",
    "uninstall",
    "patch",
    "lower",
    "raise",
)
CAUSE_VERBS = forms("cause", "trigger", "introduce", "create", "start", "break")
HARM_NOUNS = frozenset(
    """
    outage outages incident incidents downtime loss failure failures breakage crash crashes problem problems mess
    error errors mistake mistakes disruption degradation corruption leak bug bugs regression regressions cascade
    issue issues damage fire this it breach breaches misconfiguration exposure compromise slowdown delay delays
    """.split()
)
# Modifiers that turn an ordinary action (ran, pushed, merged) into a harmful one.
HARM_ADVERBS = frozenset(
    """
    accidentally mistakenly inadvertently prematurely unintentionally erroneously wrongly incorrectly hastily
    blindly recklessly carelessly
    """.split()
)
HARM_ADJECTIVES = frozenset("wrong incorrect untested unreviewed unapproved broken faulty buggy bad".split())
BENIGN_WITHOUT = frozenset(
    """
    downtime impact loss issue issues problem problems interruption interruptions error errors incident disruption
    delay delays data incidents
    """.split()
)
MISTAKE_NOUNS = frozenset("mistake accident error".split())
# Timing and order: the same change is harmful when done to everything at once or before the system was ready.
AT_ONCE_ADVERBS = frozenset("simultaneously concurrently together".split())
SEQUENTIAL_WORDS = frozenset("one-by-one sequentially staggered serially rolling gradually".split())
# A before-clause with one of these verbs says the action came too early ("before the caches had warmed up").
READY_VERBS = forms(
    "finish", "complete", "sync", "warm", "drain", "catch", "replicate", "propagate", "end", "land", "settle",
    "converge", "recover", "stabilise", "stabilize", "succeed", "pass",
)
# Actions that disrupt a running system when timed badly.
DISRUPTIVE_VERBS = forms("promote", "roll", "migrate", "failover", "release", "drain", "decommission", "reimage")
# Going away right after a change: "deployed ... and then logged off for the weekend".
DEPARTURE = {  # verb lemma -> words that make it a departure
    "log": {"off", "out"},
    "sign": {"off", "out"},
    "go": {"home", "offline", "off", "away", "dark", "silent"},
    "head": {"home", "out", "off"},
    "leave": {"for", "home", "early", "work", "office", "the", "immediately"},
    "clock": {"off", "out"},
}
DEPARTURE_FORMS = {form: words for lemma, words in DEPARTURE.items() for form in forms(lemma)}
# What follows a harmful action: "... and all egress traffic stopped", "..., which caused the quorum loss".
BAD_OUTCOME_INTRANSITIVE = forms(
    "stop", "crash", "fail", "vanish", "disappear", "halt", "hang", "freeze", "die", "break", "stall", "collapse",
    "cascade", "overload",
)
BAD_OUTCOME_TRANSITIVE = forms("break", "corrupt", "lose", "overload", "exhaust", "wipe", "erase", "saturate")
# Checks that are not green: "merged the PR with two failing checks".
RED_WORDS = frozenset("failing failed red broken pending flaky unresolved erroring".split())
CHECK_NOUNS = frozenset("check checks test tests build builds ci pipeline pipelines job jobs suite".split())

# --- omission -------------------------------------------------------------------------------------------------------

OMISSION_VERBS = forms("forget", "neglect", "omit", "fail")  # "<person> failed to escalate"
BOTHER = forms("bother")
MISS_VERBS = forms("ignore", "miss", "overlook", "disregard")
MISS_EXEMPT_OBJECTS = frozenset(
    "rto rpo slo slos sla slas target targets deadline deadlines window budget goal goals objective meeting".split()
)
DUTY_VERBS = forms(
    "write",
    "configure",
    "enable",
    "install",
    "schedule",
    "follow",
    "check",
    "verify",
    "test",
    "read",
    "review",
    "escalate",
    "notify",
    "tell",
    "inform",
    "monitor",
    "update",
    "renew",
    "wait",
    "validate",
    "confirm",
    "communicate",
    "document",
    "page",
    "acknowledge",
    "ack",
    "respond",
    "answer",
    "notice",
    "catch",
    "heed",
    "back",
    "roll",
    "lock",
    "double-check",
    "patch",
    "report",
    "investigate",
    "consult",
    "announce",
    "perform",
    "complete",
    "finish",
    "rotate",
    "run",
    "use",
    "restart",
    "apply",
    "look",
    "watch",
    "coordinate",
    "ask",
    "warn",
    "clean",
    "spot",
)

# --- hindsight ------------------------------------------------------------------------------------------------------

SHOULD = frozenset("should ought shouldn't".split())
COULD_EASY = frozenset("easily simply just obviously clearly".split())
PREVENT_VERBS = forms(
    "prevent",
    "avoid",
    "catch",
    "spot",
    "notice",
    "stop",
    "detect",
    "see",
    "check",
    "test",
    "verify",
    "know",
    "realize",
    "realise",
)
OBVIOUSLY = frozenset("obviously clearly evidently".split())

# --- judgement ------------------------------------------------------------------------------------------------------

JUDGEMENT_ADJECTIVES = frozenset(
    """
    careless negligent sloppy reckless lazy incompetent stupid dumb foolish idiotic irresponsible inattentive
    clueless thoughtless complacent unprofessional amateurish boneheaded inept brainless ignorant silly cowboy
    shoddy lax slapdash haphazard half-assed
    """.split()
)
JUDGEMENT_ADVERBS = frozenset(
    """
    carelessly negligently sloppily recklessly lazily incompetently stupidly foolishly irresponsibly thoughtlessly
    """.split()
)
JUDGEMENT_NOUNS = frozenset(
    """
    carelessness negligence sloppiness recklessness laziness incompetence stupidity complacency inattention
    inattentiveness ineptitude
    """.split()
)
LACK_OF = frozenset(
    """
    attention care diligence discipline rigour rigor ownership professionalism competence focus judgement judgment
    carefulness responsibility accountability
    """.split()
)
# Nouns for what people make or decide; a judgement word on them judges the person.
WORK_NOUNS = frozenset(
    """
    work change changes decision decisions mistake mistakes error errors job handling approach move choice call
    action actions behaviour behavior attitude commit commits push deploy deployment review response oversight fix
    code engineering practice practices planning execution testing typo slip effort rollout rollouts release
    releases migration migrations patch patches upgrade cutover failover rollback merge configuration config plan
    design handoff handover workaround hotfix
    """.split()
)
TECH_COMPOUNDS = frozenset("loading load evaluation initialization initialisation".split())  # "lazy loading"

# --- minimisers -----------------------------------------------------------------------------------------------------

MINIMIZERS = frozenset("just simply merely only".split())
MINIMAL_AMOUNTS = frozenset("literally only just mere merely quick simple single nothing".split())
# Idioms that judge a person's attention: "asleep at the wheel", "asleep on the job".
ASLEEP = frozenset("asleep".split())
ASLEEP_PLACES = frozenset("wheel job switch".split())
# Words that make a counterfactual about a person's judgement: "better judgement from the release manager".
BETTER = frozenset("better more closer proper basic extra greater".split())
# Human error as a fact of life, not as a cause: "to reduce human error", "human error is inevitable".
REDUCE_VERBS = forms(
    "reduce",
    "minimize",
    "minimise",
    "prevent",
    "avoid",
    "mitigate",
    "eliminate",
    "tolerate",
    "catch",
    "limit",
    "lower",
    "absorb",
    "survive",
    "handle",
    "expect",
    "accommodate",
    "cut",
)
GENERIC_PREDICATES = frozenset(
    "inevitable normal expected common natural unavoidable human possible likely".split()
)
RISK_NOUNS = frozenset("chance risk room possibility potential likelihood scope margin odds".split())
PRONE = frozenset("prone susceptible vulnerable resilient robust tolerant immune".split())
OBLIGATION_VERBS = forms("need", "have", "require")

# --- fault ----------------------------------------------------------------------------------------------------------

RESPONSIBLE = frozenset("responsible accountable culpable".split())
DEEM_VERBS = frozenset("hold consider deem find judge make".split())  # "held the team responsible"
CULPRIT = frozenset("culprit culprits".split())
CAUSAL_PREPOSITIONS = frozenset("by to of".split())  # caused by, due to, because of, result of
HUMAN_ERROR_HEADS = frozenset(
    "human operator user pilot engineer admin administrator personnel staff people developer manual".split()
)
ERROR_NOUNS = frozenset(
    """
    error errors mistake mistakes failure slip slips lapse lapses blunder blunders oversight typo typos
    misconfiguration misconfigurations misstep missteps goof gaffe
    """.split()
)
# Verbs that make an error someone's: "a configuration mistake made by Ravi", "an error committed by the DBA".
MAKE_ERROR_VERBS = forms("make", "commit", "introduce", "cause")
# Nouns naming a share of a group: "one of the contractors", "a member of the database team".
PART_OF_GROUP = frozenset("one some member members several few many most half two three each any none".split())
# Nouns for fault itself: "the fault lies with ...", "responsibility rests with ...".
FAULT_NOUNS = frozenset("fault blame responsibility culpability liability".split())
FAULT_PLACE_VERBS = forms("lie", "rest", "sit", "fall", "land", "belong")
# "easy for the team", "a no-brainer for the DBA": a task called trivial for a person.
EASY_WORDS = frozenset("easy simple trivial straightforward no-brainer obvious effortless".split())
INTENSIFIERS = frozenset("trivially so very really incredibly super dead ridiculously extremely".split())
# Adjectives that make a hypothetical better person: "a more careful operator would have ...".
IDEAL_PERSON = frozenset(
    "competent reasonable careful experienced attentive seasoned sensible diligent decent good capable".split()
)
CLEAR_WORDS = frozenset("obvious clear apparent evident".split())
# Future work, not hindsight: "Going forward, engineers should have read access".
FUTURE_MARKERS = frozenset("forward future onwards henceforth".split())
# "poor attention to detail", "insufficient care": a judgement of a person's attention.
POOR = frozenset("poor insufficient inadequate little low".split())
# A light verb with a safeguard object is a duty: "didn't take a backup".
LIGHT_VERBS = forms("take", "make", "do", "run", "perform", "get", "request", "open")
SLANG_HUMAN_ERROR = frozenset("pebkac pebcak picnic id10t".split())

# --- remediation and questions --------------------------------------------------------------------------------------

CAREFUL = frozenset("careful cautious vigilant attentive diligent thorough".split())
PEOPLE_REMEDIATION_VERBS = forms(
    "retrain",
    "re-train",
    "reprimand",
    "discipline",
    "punish",
    "fire",
    "sack",
    "remind",
    "warn",
    "coach",
    "reeducate",
    "re-educate",
)
QUESTION_VERBS = forms(
    "cause",
    "break",
    "delete",
    "drop",
    "approve",
    "merge",
    "push",
    "deploy",
    "do",
    "miss",
    "forget",
    "change",
    "touch",
    "run",
    "skip",
    "disable",
    "ignore",
    "introduce",
    "trigger",
    "mess",
    "screw",
    "let",
    "allow",
    "write",
)


@lru_cache(maxsize=1)
def names() -> frozenset[str]:
    """The shipped list of given names (lower case)."""
    text = resources.files("lint").joinpath("data/names.txt").read_text(encoding="utf-8")
    listed = frozenset(
        word for line in text.splitlines() if not line.startswith("#") for word in line.split()
    )
    return listed | WORD_NAMES
