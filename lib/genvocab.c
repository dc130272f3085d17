/* genvocab.c — the words and templates of winnow-generate (see genvocab.h).
 *
 * The voice is that of a UK blog about the probation service and of the
 * people who comment on it: the blogger's own paragraphs, quoted news
 * articles and press releases, and the comments. Templates never start a
 * line with a number and a full stop, never end with ":-" and never hold a
 * line that is only a date: those are structure, and generate.c places
 * them itself.
 */
#include "genvocab.h"

#define SLOT(name) {#name, name, sizeof name / sizeof *name}

/* ---- people, places, organisations ---------------------------------------- */

static const char *const first_f[] = {
    "Harriet", "Margaret", "Susan", "Helen", "Joanne", "Claire", "Fiona", "Rachel",
    "Alison", "Bridget", "Lorraine", "Deborah", "Nadia", "Priya", "Sinead", "Gwen",
    "Ruth", "Yvonne", "Judith", "Amara", "Renée", "Zoë", "Chloé", "Kirsty"};
static const char *const first_m[] = {
    "Robert", "Simon", "Andrew", "Keith", "Graham", "Martin", "Neil", "Tariq",
    "Declan", "Owen", "Stuart", "Colin", "Malcolm", "Rajesh", "Gareth", "Dominic",
    "Philip", "Ian", "Trevor", "Callum", "José", "Anders"};
static const char *const surname[] = {
    "Fenwick", "Ainsley", "Marlow", "Thwaite", "Okafor", "Pemberton", "Hollis",
    "Gurney", "Lockhart", "Beddoes", "Carrick", "Dunmore", "Elston", "Farrant",
    "Gillard", "Haworth", "Ibbotson", "Kearsley", "Lindqvist", "Mayhew", "Norcott",
    "Oldroyd", "Prescott", "Quayle", "Rushworth", "Stannard", "Tindall", "Varley",
    "Whitlock", "Yardley", "Ashcroft", "Brennan", "Caddick", "Desai", "Renshaw",
    "Nkemelu", "Ménard", "Lefèvre", "O'Halloran", "Bancroft"};
static const char *const company[] = {
    "Meridian Justice Services", "Northgate Rehabilitation Partners",
    "Castlebrook Community Justice", "Pinnacle Futures", "Sentinel Rehabilitation",
    "Harbourline Group", "Ashdown Justice Partnership", "Greystone Outcomes",
    "Tern Valley Trust", "Beacon Reintegration", "Kestrel Justice", "Amberfield Services"};
static const char *const region[] = {
    "Wessex", "Merseyside", "Humberside", "Northumbria", "Cumbria and Lancashire",
    "Kent, Surrey and Sussex", "Essex", "London", "Cheshire and Greater Manchester",
    "Staffordshire and West Midlands", "Durham Tees Valley", "West Yorkshire",
    "South Yorkshire", "Wales", "Thames Valley", "Norfolk and Suffolk",
    "Dorset, Devon and Cornwall", "Hampshire and the Isle of Wight"};
static const char *const org_public[] = {
    "the National Probation Service", "the NPS", "HM Prison and Probation Service",
    "HMPPS", "the Ministry of Justice", "the MoJ", "the Parole Board",
    "the probation inspectorate", "the Justice Select Committee",
    "the Public Accounts Committee", "the National Audit Office", "the Treasury"};
static const char *const charity[] = {
    "the Fairhaven Trust", "the Crossways Foundation", "the Penal Reform Forum",
    "the Second Chance Network", "the Open Gate Project", "Justice Matters UK",
    "the Hearth Housing Trust"};
static const char *const union_name[] = {"Napo", "Napo", "Unison", "the GMB"};
static const char *const outlet[] = {
    "the Guardian", "the Guardian", "the Telegraph", "the Times", "the Independent",
    "the Observer", "the Financial Times", "BBC News", "the BBC website", "the Mirror",
    "the Mail", "Inside Time", "the Yorkshire Post", "the Manchester Evening News",
    "the Northern Echo", "Civil Service World", "Public Finance", "the Justice Gap",
    "the New Statesman", "the Conversation", "Children & Young People Now",
    "the Evening Standard", "the i"};
static const char *const labels[] = {
    "TR", "Napo", "CRCs", "NPS", "HMPPS", "omnishambles", "inspections", "prisons",
    "pick 'n' mix", "Unison", "reoffending", "privatisation", "unification",
    "approved premises", "guest blog"};

/* ---- roles and groups ------------------------------------------------------ */

static const char *const inspector_role[] = {
    "HM Chief Inspector of Probation", "the chief inspector of probation",
    "the chief inspector", "the probation watchdog"};
static const char *const minister_role[] = {
    "the justice secretary", "the Secretary of State for Justice",
    "the prisons and probation minister", "the justice minister"};
static const char *const union_role[] = {
    "Napo general secretary", "the union's general secretary", "Napo's national official"};
static const char *const speaker[] = {
    "a Ministry of Justice spokesperson", "an MoJ spokesman", "a government spokeswoman",
    "{@ceo}, chief executive of {@company}", "{@union_leader}, {union_role}",
    "{@inspector}", "{@minister}", "{@mp}",
    "a spokesperson for {@company}", "the shadow justice secretary",
    "{@reporter}'s source at the ministry"};
static const char *const staff_group[] = {
    "probation officers", "PSOs", "case managers", "staff", "NPS colleagues",
    "CRC staff", "agency workers", "middle managers", "admin staff",
    "newly qualified officers", "senior probation officers", "court teams"};
static const char *const clients[] = {
    "offenders", "service users", "people on probation", "clients",
    "prisoners on licence", "short-sentence prisoners", "women offenders",
    "young adults", "people leaving prison"};
static const char *const the_guilty[] = {
    "the MoJ", "ministers", "the architects of TR", "the privateers",
    "HMPPS senior management", "the CRC owners", "{@minister}",
    "those who signed the contracts", "the consultants", "the Treasury"};
static const char *const workplace[] = {
    "a CRC office", "an approved premises", "a court team", "a prison OMU",
    "a hub", "an NPS office", "a through-the-gate team", "an unpaid work depot"};

/* ---- nouns and states ------------------------------------------------------ */

static const char *const a_report[] = {
    "the annual report of {inspector_role}", "an inspection report on {@area} CRC",
    "the latest quarterly figures from {org_public}",
    "a National Audit Office report on the contracts",
    "the Justice Select Committee's report", "the long-awaited probation review",
    "the proven reoffending statistics", "a leaked internal briefing",
    "the staff survey results", "the workload measurement tool figures",
    "a thematic inspection of through-the-gate work"};
static const char *const bad_state[] = {
    "being supervised by telephone", "not seen for weeks or months",
    "lost in the system altogether", "recalled to custody", "released homeless",
    "waiting for an allocated officer", "left without any meaningful supervision",
    "seen in open-plan booths with no privacy", "passed from one officer to another",
    "reporting to a kiosk"};
static const char *const staff_state[] = {
    "off sick with stress", "looking for work elsewhere", "carrying {#cases}",
    "on temporary contracts", "working unpaid overtime", "covering vacant caseloads",
    "waiting for laptops that work", "doing the job of two people"};
static const char *const negative_quality[] = {
    "poor", "inadequate", "requiring improvement", "deeply troubling",
    "well below what the public should expect", "chaotic", "unsafe"};
static const char *const finding[] = {
    "the quality of work is generally poor and needs to improve in many respects",
    "caseloads remain unmanageable for many staff",
    "too many {clients} are supervised remotely",
    "risk of harm assessments were not completed in {#percent} of cases",
    "staff morale is low and sickness absence high",
    "through-the-gate services are making little difference",
    "the operating model has never worked as intended",
    "domestic abuse enquiries were not made in {#fraction} of relevant cases",
    "enforcement action was not taken when it should have been",
    "court reports are increasingly delivered on the day without proper checks",
    "unpaid work hours are going uncompleted",
    "{#ratio} cases had no meaningful contact in the first month",
    "the IT systems do not talk to each other",
    "senior leaders lacked grip on performance",
    "accommodation outcomes on release have worsened",
    "the number of recalls has {#multiplier} since {#year}"};
static const char *const warning_content[] = {
    "splitting the service would put the public at risk",
    "payment by results would never work for probation",
    "the contracts were built on guesswork",
    "you cannot run a public service for profit without cutting corners",
    "the IT would not be ready", "caseloads would spiral out of control",
    "the good will of staff would not last for ever"};
static const char *const nothing_changed[] = {
    "nothing has changed", "the same problems are being reported",
    "staff are still waiting for answers", "not a single lesson seems to have been learned",
    "the promised review is nowhere to be seen", "the bailouts keep coming"};
static const char *const event[] = {
    "the contracts were signed", "the split", "the last inspection",
    "the minister promised a review", "the bailout was announced",
    "the unification plan was published", "share sale day"};
static const char *const doc_thing[] = {
    "a copy of the briefing", "the minutes of the meeting", "an internal email",
    "the new operating manual", "the revised targets", "a staff survey",
    "the leaked spreadsheet"};
static const char *const promise[] = {
    "a full review", "more money for frontline staff", "an end to telephone supervision",
    "a return to face-to-face contact", "stability for staff",
    "a plan to bring offender management back together", "tough action on failing providers"};

/* ---- figures in context ---------------------------------------------------- */

static const char *const fig_sentence[] = {
    "{^#count_offenders} are now {bad_state}",
    "{#percent} of {staff_group} say they are {staff_state}",
    "the contracts have cost the taxpayer {#money} more than planned",
    "a further {#money} has been handed to the CRCs {#over_period}",
    "sickness absence has {#multiplier} in {#period}",
    "{#ratio} {clients} were not seen within the first {#short_period}",
    "{#fraction} of cases were classed as medium risk",
    "officers are carrying {#cases}, with some managers overseeing {#cases}",
    "caseloads ranged {#from_to} per officer",
    "{#of_the} failed to meet the target",
    "the vacancy rate stands at {#percent}",
    "{#count_staff} have left since {#year}",
    "{clients} are being seen {#every}",
    "{#percent} of {clients} reoffended within {#short_period_or_year}",
    "the number of recalls has {#multiplier} since {#year}",
    "{#count_staff} were made redundant in {#month_year}",
    "the bailout was worth {#money} {#over_period}",
    "there are {#times} {clients} on licence as there were in {#year}",
    "{#percent} of court reports are now oral"};

/* ---- the blogger ------------------------------------------------------------ */

static const char *const blog_open[] = {
    "{Today|Yesterday|This morning} saw the publication of {a_report}, and it makes {grim|sobering|depressing|uncomfortable} reading for {the_guilty}.",
    "None of this will come as a surprise to regular readers of this blog.",
    "I've been sent {doc_thing} and I think it deserves a wider audience.",
    "It's been a busy week for probation news, so here's a round-up.",
    "{@minister} has been talking about probation again, which is rarely good news.",
    "Regular readers will know that I don't often agree with {org_public}, but credit where it's due.",
    "Another day, another report telling us what everyone on the frontline already knew.",
    "Word reaches me from {@area} that things are going from bad to worse.",
    "I make no apology for returning to the subject of {workloads|caseloads|the contracts|telephone supervision}.",
    "It's {#period} since {event}, and it's worth taking stock.",
    "As predicted on this blog {#period} ago, the wheels are finally coming off.",
    "A reader has written to me about {doc_thing}, and it makes depressing reading.",
    "Things have been quiet on the TR front lately, but that changed {today|this week|yesterday}.",
    "The {leaks|rumours|emails} keep coming, and this one is a corker."};
static const char *const blog_sentence[] = {
    "We warned {the_guilty} {repeatedly|time and again|for years} that {warning_content}, and we were {ignored|dismissed as dinosaurs|told we were scaremongering}.",
    "According to {a_report}, {fig_sentence}.",
    "The {@company} operating model in {@area} has been judged {negative_quality} by inspectors.",
    "It's {#period} since {event}, and {nothing_changed}.",
    "I'm told that {#percent} of {staff_group} in {@area} are {staff_state}.",
    "{Rumour has it|I hear|Word reaches me} that {@company} {wants out of|is looking to renegotiate|has threatened to walk away from} its contract.",
    "Meanwhile, {fig_sentence}.",
    "As one reader put it {to me|in an email|on Twitter}, {reader_quip}.",
    "{^the_guilty} will no doubt say that lessons have been learned.",
    "{Frankly|Quite simply|Let's be clear}, this is no way to run a public service.",
    "The problem was never the staff, it was the model.",
    "{^#of_the} are owned by just {two|three|a handful of} organisations.",
    "The sums involved are eye-watering: {fig_sentence}.",
    "Nobody I speak to believes {promise} is coming any time soon.",
    "What is the point of an inspectorate if nobody acts on what it finds?",
    "There was a time, not so long ago, when probation was {regarded as|seen as|held up as} a world-leader.",
    "{@minister} has promised {promise}, but I'll believe it when I see it.",
    "The figures speak for themselves: {fig_sentence}.",
    "Staff in {@area} tell me {they are at breaking point|morale is at rock bottom|things are worse than ever}.",
    "It took {@inspector} {#period} to say what this blog said in {#year}.",
    "I can't help wondering how many more reports it will take.",
    "The union has been saying this since {#year}.",
    "Even the MoJ's own figures show that {fig_sentence}.",
    "If this were a private business it would have gone bust {long ago|years ago|by now}.",
    "You couldn't make it up.",
    "{^the_guilty} should be hanging their heads in shame.",
    "In {#month_year} the ministry insisted everything was on track.",
    "It's worth remembering that we said at the time, and loudly, that {warning_content}.",
    "The meeting is on {#date} at {#clock}, for anyone who wants to go along.",
    "The consultation closes on {#date}, so there's still time to respond.",
    "I doubt very much whether anyone at Petty France will lose any sleep over it.",
    "The contrast with {#year}, when the service won a gold award, could not be starker.",
    "It's hard to see how {@company} can carry on like this for {#period}.",
    "What strikes me most is the sheer waste of it all."};
static const char *const blog_close[] = {
    "As ever, comments are welcome.",
    "I suspect we haven't heard the last of this.",
    "Watch this space.",
    "More when I have it.",
    "Feel free to share your own experiences below.",
    "Make of it what you will.",
    "The question now is what the ministry will do about it.",
    "You really couldn't make it up."};
static const char *const reader_quip[] = {
    "\"it's like watching a car crash in slow motion\"",
    "\"the only thing being transformed is the share price\"",
    "\"we're not managing risk any more, we're managing spreadsheets\"",
    "'nobody is accountable, so nobody is responsible'",
    "\"I used to be proud to say what I did for a living\""};
static const char *const blog_list_intro[] = {
    "Here are the questions I would ask:", "For the record, this is what the union is asking for:",
    "A few things stand out from the report:", "These are the points I would put to the minister:",
    "Here is what staff in {@area} have told me:"};
static const char *const blog_list_item[] = {
    "How many staff have left since {#year}?", "What has the bailout cost so far?",
    "Who signed off the operating models?", "Why are {clients} still being seen {#every}?",
    "An end to telephone supervision.", "A single public probation service.",
    "Caseloads capped at a safe level.", "Proper training for new staff.",
    "Who will be held to account?", "Where has the {#amount} gone?",
    "Laptops that actually work.", "A pay rise that keeps pace with inflation.",
    "Face-to-face contact for every case.", "Publication of the full review."};
static const char *const bullet_item[] = {
    "{^finding}.", "{^fig_sentence}.", "{^finding}, and {finding}."};
static const char *const update_par[] = {
    "Update: Since writing this I've been sent {doc_thing}, which confirms that {finding}.",
    "Update: {@company} has now issued a statement saying it \"does not recognise\" the figures.",
    "Update: The MoJ has responded, saying {promise} is under consideration.",
    "Update {#clock}: A reader points out that {fig_sentence}.",
    "UPDATE: I'm told the meeting on {#date} has been cancelled.",
    "Update: Thanks to the reader who corrected my figures: {fig_sentence}."};

/* ---- titles, headlines, intros ---------------------------------------------- */

static const char *const title[] = {
    "{T_adj} {T_noun}", "{T_noun} {T_verb} {T_thing}", "More on {T_noun}",
    "{T_noun} Latest", "Pick 'n' Mix {#num}", "Guest Blog {#num}",
    "What Now for {T_noun}?", "{T_noun} - A Reader Writes", "{T_adj} {T_noun} Again",
    "The {T_noun} Question", "{T_thing} {T_verb_past}", "Thoughts on {T_noun}",
    "Yet More {T_noun}", "{T_noun}: {T_adj} {T_thing}", "It's {T_adj}, Official"};
static const char *const T_adj[] = {
    "Damning", "Another", "Shocking", "Inevitable", "Predictable", "Grim",
    "Worrying", "Troubling", "Latest", "Depressing", "Unsafe", "Toxic"};
static const char *const T_noun[] = {
    "TR", "Probation", "Inspection", "Caseloads", "CRCs", "Napo", "Bailout",
    "Unification", "Contract", "Workloads", "Recall", "Morale", "Review",
    "Telephone Supervision", "Through the Gate", "Payment by Results"};
static const char *const T_verb[] = {"Signals", "Means", "Threatens", "Confirms", "Spells", "Exposes"};
static const char *const T_verb_past[] = {"Exposed", "Confirmed", "Revisited", "Ignored", "Unravels"};
static const char *const T_thing[] = {
    "End of TR", "Trouble", "the Truth", "Chaos", "More Cuts", "Failure", "the Obvious",
    "Meltdown", "a U-Turn", "Business as Usual"};
static const char *const headline[] = {
    "Private probation firms criticised over {h_issue}",
    "{@company} censured over {h_issue}",
    "Probation officers carrying up to {#num_big} cases, inspectors find",
    "Offenders supervised by phone {#every} – report",
    "Ministers to review probation contracts after damning report",
    "Government to pay {#money} more to private probation companies",
    "Sickness rates soar among probation staff",
    "Watchdog warns of ‘two-tier’ probation system",
    "Number of offenders recalled to prison rises by {#percent}",
    "Probation reforms: what went wrong and what happens next",
    "Q&A: the probation crisis explained",
    "Privatised probation has left public at greater risk – watchdog",
    "{@area} probation services among worst in country",
    "Union calls for end to probation contracts",
    "MPs attack {#amount} bailout for probation firms",
    "Thousands of offenders released without a home",
    "Probation chief quits after critical inspection",
    "Justice secretary promises shake-up of probation",
    "Inside the failing probation office where nobody answers the phone",
    "Private probation contracts to end two years early",
    "Staff shortages leave probation in {@area} at breaking point",
    "Reoffending rate unchanged despite {#amount} reforms",
    "Probation service ‘in crisis’",
    "Is probation working?"};
static const char *const h_issue[] = {
    "telephone supervision", "high caseloads", "missed appointments",
    "unsafe practice", "staff cuts", "poor risk assessments", "lost offenders"};
/* {src} is the source; generate.c expands it itself, as it must know it. */
static const char *const intro_inline[] = {
    "This from {src}:-", "This from {src}:-", "This" "\xC2\xA0" "from {src}:-",
    "{@reporter} writing in {src}:-", "The full story is in {src}:-",
    "Here's the report from {src}:-", "The following appeared in {src}:-",
    "This {today|yesterday|this morning} from {src}:-", "I see this in {src}:-",
    "This on {src}:-"};
static const char *const intro_own_line[] = {
    "This from {src}:-", "And this from {src}:-", "Meanwhile, this from {src}:-",
    "{@reporter} in {src}:-", "From {src}:-", "Also in {src}:-"};
/* Intros whose source is the whole line ("Napo Press Release"). */
static const char *const src_whole_line[] = {
    "Napo Press Release", "MoJ Press Release", "Unison Press Release",
    "{@company} statement", "Napo briefing", "HMPPS staff bulletin"};
/* Intros of an organisation's own words; {src} is one of org_source. */
static const char *const intro_org[] = {
    "Press release from {src}:-", "A statement from {src}:-", "This from {src}:-",
    "The response from {src}:-", "Here's the briefing from {src}:-"};
static const char *const org_source[] = {"{charity}", "{@company}", "{union_name}"};
/* Intros the splitter is not expected to read (the source is not after
 * from/in/on/at): a few, to measure robustness. */
static const char *const intro_hard[] = {
    "As reported by {src}:-", "Here's what {src} had to say:-"};

/* ---- news articles ----------------------------------------------------------- */

static const char *const news_lead[] = {
    "The part-privatisation of the probation service has left {#count_offenders} {bad_state}, according to {a_report}.",
    "{@inspector}, {inspector_role}, said the reforms introduced in {#year} had created a \"{fragmented|two-tier|chaotic}\" system.",
    "Private companies running probation services in England and Wales are to receive {#money} {#over_period}, the government has announced.",
    "Probation staff in {@area} are carrying {#cases}, with some senior officers overseeing {#cases}, an inspection has found.",
    "The justice secretary, {@minister}, has ordered a review of the probation contracts after a string of critical reports.",
    "{#of_the} private probation companies are failing to meet their targets, official figures show.",
    "Thousands of offenders are being released from prison with nowhere to live, {inspector_role} has warned.",
    "The number of offenders recalled to prison has {#multiplier} since the reforms, according to figures published on {#weekday}."};
static const char *const news_sentence[] = {
    "The report, published on {#weekday}, found that {finding}.",
    "Inspectors said {finding}, and that {finding}.",
    "In {@area}, {fig_sentence}.",
    "{^#count_offenders} are supervised each year by the {#num_word} community rehabilitation companies.",
    "The National Probation Service, which manages high-risk offenders, was rated {good|satisfactory|mixed} overall.",
    "{@company}, which runs the contract, said it had already made improvements.",
    "The contracts were adjusted in {#month_year} in a {#amount} deal {#over_period}.",
    "Since {#year}, {fig_sentence}.",
    "Figures released under freedom of information show {fig_sentence}.",
    "The inspection was carried out over {#period} and looked at {#count_cases}.",
    "{^#fraction} of the cases inspected were classed as medium or high risk.",
    "{^#ratio} officers said they did not have enough time to do their job properly.",
    "Officials said the changes would come into force on {#date}.",
    "The committee heard evidence from {#num_word} witnesses over {#num_word} sessions.",
    "{@mp}, who chairs the committee, said the findings were \"deeply concerning\".",
    "The government originally said the reforms would save {#money} a year.",
    "Ministers have faced criticism since the first inspections in {#year}.",
    "Under the contracts, the companies are paid partly by results.",
    "A spokesperson for {@company} said the figures were \"out of date\".",
    "The union said its members were \"at breaking point\" after {#period} of cuts.",
    "The watchdog made {#num_word} recommendations, {#num_word} of them to the ministry.",
    "One officer told inspectors: \"{staff_voice}\"",
    "In one case, a man with {#num_big} previous convictions was supervised by telephone only.",
    "The report also found that {fig_sentence}."};
static const char *const news_quote[] = {
    "\"{official_line}\" said {speaker}.",
    "{^speaker} said: \"{official_line}\"",
    "\"{official_line} {official_line}\" {speaker} added.",
    "Speaking on {#weekday}, {speaker} said: \"{official_line}\"",
    "{^speaker} added: \"{official_line}\""};
static const char *const official_line[] = {
    "We have already changed the contracts to better reflect costs and we keep them under review.",
    "Public protection is our number one priority.",
    "We do not recognise the picture painted in this report.",
    "This is a damning indictment of a failed experiment.",
    "Staff are working incredibly hard in very difficult circumstances.",
    "We urgently need a proper review of every contract.",
    "Lower-risk offenders can be supervised by telephone after a thorough assessment.",
    "I have made probation a priority and I will not hesitate to act.",
    "The quality of work is simply not good enough.",
    "We expect the company to make rapid improvements and we will be back to check.",
    "Nobody should be surprised by these findings.",
    "We are investing {#money} in the service over the next {#period}.",
    "The model was never going to work, and everyone on the frontline knew it.",
    "We have recruited more than {#num_big} new trainees this year."};
static const char *const staff_voice[] = {
    "I just don't have time to see people properly any more.",
    "We're firefighting every single day.",
    "I've had {#num_word} different managers in {#period}.",
    "Half my caseload I've never met.",
    "The computer system crashes every afternoon."};
static const char *const findings_intro[] = {
    "The key findings include:", "Among the report's findings:",
    "The inspectors found that:", "The report's main concerns were:"};

/* ---- comments ------------------------------------------------------------------ */

static const char *const c_short[] = {
    "Spot on.", "Well said.", "Couldn't agree more.", "Absolutely disgraceful.",
    "What a mess.", "Told you so.", "Same in our office.", "Is anyone surprised?",
    "Shameful.", "This blog has been saying it for years.", "Wake up MoJ!!",
    "Says it all really.", "Hear hear.", "Nothing will change.", "Brilliant post, thank you.",
    "Sad but true.", "You couldn't make it up!", "Exactly this."};
static const char *const c_sentence[] = {
    "I work in {@area} and {c_anecdote}.",
    "{^the_guilty} knew exactly what they were doing.",
    "We were told {promise} was coming in {#year}, and we're still waiting.",
    "The report only confirms what we have been saying for {#period}.",
    "My caseload is {#num_big} and I haven't had supervision for {#period}.",
    "{^staff_group} are leaving in droves and nobody at the top seems to care.",
    "It's not the staff, it's the model.",
    "Where is the accountability?",
    "I left in {#year} and I've never looked back.",
    "I've been in the job {#num_word} years and I have never seen morale this low.",
    "The phone calls {#every} are a joke, everyone knows it.",
    "{#percent} of my cases are {bad_state}, and that's the official figure.",
    "Why does it take an inspector to say what the frontline has been shouting for years?",
    "Can anyone tell me what has happened to the {#amount}?",
    "Apparently {fig_sentence}.",
    "Our office lost {#num_word} experienced officers last year alone.",
    "The shareholders will be fine, they always are.",
    "I genuinely fear for the public.",
    "We had a meeting about it on {#weekday} and were told to \"stay positive\".",
    "Management think a new logo will fix it.",
    "The so-called transformation has been anything but.",
    "Nobody reads the reports anyway.",
    "I'd love to know how many of the ministers have ever set foot in a probation office.",
    "Still no laptops in our team & half the phones don't work.",
    "The CRC managers I know are just as fed up as the rest of us.",
    "Let's see what happens when the next serious further offence hits the papers.",
    "Unification can't come soon enough.",
    "It won't be long before the whole thing collapses."};
static const char *const c_anecdote[] = {
    "we have {#cases} each", "half the team are agency staff",
    "we've had {#num_word} managers in {#period}", "nobody has had supervision since {#month_year}",
    "the office has been without heating for {#period}",
    "{#fraction} of the caseload is unallocated", "we see people in a church hall on {#weekday}s"};
static const char *const c_reply_open[] = {
    "{Anon|Anonymous|Anon} at {#clock} is right.",
    "Responding to {Anon|the comment} at {#clock}.",
    "Thanks {#clock} - {c_short}",
    "{#clock} you have hit the nail on the head.",
    "Agree with {#clock}.",
    "I'm not sure I agree, {Anon|Anonymous} at {#clock}.",
    "Reply to {#clock}: {c_short}",
    "Just a gentle reminder {Anon|Anonymous} at {#clock} that some of us are still in the job."};
static const char *const c_rant[] = {
    "THEY KNEW AND THEY DID IT ANYWAY.",
    "IT HAS NOT WORKED AND IT NEVER WILL.",
    "NOBODY LISTENED!!!",
    "How many more reports before SOMEONE takes responsibility?",
    "THE COUNTRY IS PAYING FOR THIS AND NOBODY CARES."};
static const char *const poem[] = {
    "Twinkle twinkle little CRC,\nHow I wonder what you'll be,\nUp above the targets high,\nLike a bailout in the sky.",
    "There once was a model from Petty France,\nThat nobody thought had a chance,\nThey signed it in haste,\nThen counted the waste,\nWhile the staff were all led a merry dance.",
    "Roses are red, the targets are green,\nThe worst operating model you've ever seen.\nCaseloads up and morale down,\nAnother reorganisation coming to town.",
    "Half a league, half a league,\nHalf a league onward,\nInto the valley of TR\nRode the six hundred.\nTheirs not to reason why,\nTheirs but to tick the box and cry.",
    "Ding dong merrily on high,\nThe CRC is asking why,\nThe bailout came, the bailout went,\nAnd nobody knows where it was spent."};
static const char *const c_list_head[] = {
    "Measures for improvement:", "How to fix probation in four easy steps:",
    "The plan, as explained to us on {#weekday}:", "What happened in our office:"};
static const char *const c_list_item[] = {
    "assess every case manager against their caseload.",
    "conclude that it's the staff at fault and send them on training.",
    "discover there is no cover for anyone on training.",
    "give everyone {#num_word} days to improve.",
    "announce a new operating model.", "blame the IT.",
    "hold a meeting about the meetings.", "lose {#num_word} more experienced officers.",
    "repeat until the contract ends."};
static const char *const c_closing[] = {
    "Would be laughable if it weren't so serious.", "Rinse and repeat.",
    "Sad times.", "And they wonder why people are leaving."};

/* ---- the table ------------------------------------------------------------------- */

const struct vocab_slot vocab_slots[] = {
    SLOT(first_f), SLOT(first_m), SLOT(surname), SLOT(company), SLOT(region),
    SLOT(org_public), SLOT(charity), SLOT(union_name), SLOT(outlet), SLOT(labels),
    SLOT(inspector_role), SLOT(minister_role), SLOT(union_role), SLOT(speaker),
    SLOT(staff_group), SLOT(clients), SLOT(the_guilty), SLOT(workplace),
    SLOT(a_report), SLOT(bad_state), SLOT(staff_state), SLOT(negative_quality),
    SLOT(finding), SLOT(warning_content), SLOT(nothing_changed), SLOT(event),
    SLOT(doc_thing), SLOT(promise), SLOT(fig_sentence),
    SLOT(blog_open), SLOT(blog_sentence), SLOT(blog_close), SLOT(reader_quip),
    SLOT(blog_list_intro), SLOT(blog_list_item), SLOT(bullet_item), SLOT(update_par),
    SLOT(title), SLOT(T_adj), SLOT(T_noun), SLOT(T_verb), SLOT(T_verb_past), SLOT(T_thing),
    SLOT(headline), SLOT(h_issue), SLOT(intro_inline), SLOT(intro_own_line),
    SLOT(src_whole_line), SLOT(intro_hard), SLOT(intro_org), SLOT(org_source),
    SLOT(news_lead), SLOT(news_sentence), SLOT(news_quote), SLOT(official_line),
    SLOT(staff_voice), SLOT(findings_intro),
    SLOT(c_short), SLOT(c_sentence), SLOT(c_anecdote), SLOT(c_reply_open), SLOT(c_rant),
    SLOT(poem), SLOT(c_list_head), SLOT(c_list_item), SLOT(c_closing)};

const size_t vocab_slot_count = sizeof vocab_slots / sizeof *vocab_slots;
