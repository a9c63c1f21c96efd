"""Function words per language, for telling prose from page furniture in text dumps.

Prose is glued together by function words ("the", "of", "und", "que"); menus, link lists,
teaser headlines, tag clouds and credits are mostly content words. The share of a line's
words found here (its stop-word density, as in jusText) is one of the signals
``clean_text()`` reads. One vocabulary per language, lower case, written by hand: the
most frequent function words (articles, pronouns, prepositions, conjunctions, auxiliaries,
common adverbs), a few dozen to a hundred and fifty each, enough to separate the two
distributions without a download. Languages written without spaces between words (Chinese,
Japanese, Thai) have no entry: their lines are judged by length and sentence punctuation.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOPWORDS: dict[str, frozenset[str]] = {
    "en": _words(
        """
        a about above after again against all also am an and any are as at be because been before being below between
        both but by can could did do does doing down during each few for from further had has have having he her here
        hers herself him himself his how i if in into is it its itself just me more most my no nor not now of off on
        once only or other our ours out over own same she should so some such than that the their theirs them then
        there these they this those through to too under until up very was we were what when where which while who
        whom why will with would you your yours yet said says since however though although among within without
        around whether many much us may might must shall one two new like even still back well
        """
    ),
    "de": _words(
        """
        der die das den dem des ein eine einer eines einem einen und oder aber denn sondern doch als wie wenn weil dass
        ob ich du er sie es wir ihr mich mir dich dir ihn ihm uns euch ihnen sich mein dein sein ihre ihr unser euer
        seine seiner seinen seinem ihren ihrem ihrer nicht kein keine keinen auch noch schon nur sehr so zu zum zur im
        in an am auf aus bei mit nach von vom vor über unter für gegen ohne um durch bis seit zwischen während wegen
        ist sind war waren wird werden wurde wurden worden sein bin bist hat haben hatte hatten habe kann können konnte
        muss müssen soll sollen will wollen würde würden hätte da dann dort hier jetzt nun man was wer wo wie diese dieser
        dieses diesem diesen jede jeder jedes alle allem allen mehr viele einige etwa immer bereits laut sagte so dabei
        damit dafür darauf dazu davon dagegen also zudem sowie rund denen deren dessen welche welcher
        """
    ),
    "fr": _words(
        """
        le la les l un une des du de d et ou mais donc or ni car que qu qui quoi dont où ce cet cette ces celui celle ceux
        il elle ils elles on je tu nous vous me te se lui leur leurs son sa ses mon ma mes ton ta tes notre nos votre vos
        en dans sur sous par pour avec sans chez vers entre contre depuis pendant avant après au aux est sont était
        étaient été être a ont avait avaient avoir fait faire peut peuvent doit ne pas plus moins très aussi tout tous
        toute toutes comme si bien encore déjà même selon ainsi alors lors c s n y afin cela ça quand
        """
    ),
    "es": _words(
        """
        el la los las lo un una unos unas y o u pero sino ni que quien quienes cual cuales cuyo donde cuando como porque
        pues si de del al a en con por para sin sobre entre hasta desde hacia contra según tras durante ante bajo
        es son era eran fue fueron ser sido está están estaba estaban estar ha han había habían haber hay he se le les
        me te nos os su sus mi mis tu tus nuestro nuestra este esta estos estas ese esa esos esas aquel eso esto más
        menos muy también ya no ni todo todos toda todas otro otra otros otras mismo misma cada sólo solo además aunque
        así tanto puede pueden hace dijo
        """
    ),
    "it": _words(
        """
        il lo la i gli le l un uno una e ed o ma però che chi cui dove quando come perché se di del dello della dei degli
        delle a al allo alla ai agli alle da dal dalla dai in nel nello nella nei negli nelle con su sul sulla per tra fra
        è sono era erano stato stata essere ha hanno aveva avere ho si ci ne non più meno molto anche già ancora tutto
        tutti tutta questo questa questi queste quello quella suo sua suoi sue loro mio mia nostro cosa solo dopo prima
        così poi sempre ogni altro altri altra può
        """
    ),
    "pt": _words(
        """
        o a os as um uma uns umas e ou mas que quem qual cujo onde quando como porque se de do da dos das ao aos à às em no
        na nos nas num numa por pelo pela pelos pelas para com sem sobre entre até desde contra após durante é são era
        eram foi foram ser sido está estão estava estar tem têm tinha ter há seu sua seus suas meu minha este esta estes
        estas esse essa isso isto aquele ele ela eles elas lhe lhes não mais menos muito também já ainda todo todos toda
        todas outro outra mesmo cada só apenas segundo disse pode
        """
    ),
    "nl": _words(
        """
        de het een en of maar want dat die dit deze wie wat waar wanneer hoe omdat als dan van in op te aan met voor door
        bij uit over naar om tot onder tegen tussen na sinds zonder is zijn was waren wordt worden werd werden geweest
        heeft hebben had hadden kan kunnen zal zullen moet moeten wil zou zouden niet geen ook nog al wel zo er hier daar
        nu ik jij je hij zij ze wij we u hun haar hem ons onze mijn zich meer veel alle iets men toen echter
        """
    ),
    "sv": _words(
        """
        och att det som en ett på är av för med till den de har inte om var jag han hon vi ni man sig sin sitt sina hans
        hennes deras vår min din i från vid under över efter före mot mellan utan genom hos kan ska skulle vill måste
        blir blev bli vara varit hade har också men eller när där här nu så då bara mycket mer än alla andra denna detta
        dessa vad vem vilken vilket ingen inga något några enligt sedan redan även
        """
    ),
    "da": _words(
        """
        og at det som en et på er af for med til den de har ikke om var jeg han hun vi i man sig sin sit sine hans hendes
        deres vores min din fra ved under over efter før mod mellem uden gennem hos kan skal skulle vil må bliver blev
        blive være været havde også men eller når hvor her nu så da kun meget mere end alle andre denne dette disse hvad
        hvem hvilken ingen noget nogle ifølge siden allerede selv
        """
    ),
    "no": _words(
        """
        og at det som en et ei på er av for med til den de har ikke om var jeg han hun vi dere man seg sin sitt sine
        hans hennes deres vår min din i fra ved under over etter før mot mellom uten gjennom hos kan skal skulle vil må
        blir ble bli være vært hadde også men eller når hvor her nå så da bare meget mye mer enn alle andre denne dette
        disse hva hvem ingen noe noen ifølge siden allerede selv
        """
    ),
    "pl": _words(
        """
        i w na z się nie że do to jest o jak po przez od za ale czy a oraz lub ani bo gdy gdzie kiedy który która które
        którzy co kto jego jej ich jak także też już jeszcze tylko bardzo może można był była było byli były są być będzie
        ma mają miał jako przy pod nad przed między bez dla u ze we tego tej tym ten ta te tych sobie go mu
        """
    ),
    "cs": _words(
        """
        a i v na se že to s z do o jako ale by jsou pro je byl byla bylo byli jsem jsme není jeho její jejich který která
        které co kdo jak také už jen ještě velmi může podle při po od za před mezi bez u ve ze k ke tak tento tato toto
        ten ta ty nebo když kde být bude má mají
        """
    ),
    "tr": _words(
        """
        ve bir bu da de için ile olarak çok daha olan gibi ama en her ne şu o ki mi mı mu mü ya veya ancak kadar sonra
        önce göre değil var yok ise ayrıca bile hem diye olduğu olduğunu oldu olan olması tarafından üzerinde içinde
        arasında şey bunu buna bunun onun onlar biz siz ben
        """
    ),
    "fi": _words(
        """
        ja on että ei se oli hän ovat myös kun joka mutta tai sen ole ovat olivat olla ollut kuin jo vain niin nyt sitten
        mukaan kanssa jälkeen ennen hänen heidän sekä vaan siis tämä tämän nämä ne mitä mikä kuka jos vielä
        """
    ),
    "ro": _words(
        """
        și de la în a cu că pe nu din o un este mai care pentru sau dar ca se au fost sunt fi al ale lui ei lor acest
        această aceste după prin între până despre fără sub peste cel cea cei cele foarte doar încă deja
        """
    ),
    "hu": _words(
        """
        a az és hogy nem egy is de van meg volt már csak mint vagy ha amikor ahol aki ami amely mert pedig így úgy ez
        azt ezt itt ott majd még nagyon lesz lett kell után előtt között szerint alatt felett nélkül
        """
    ),
    "ru": _words(
        """
        и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только ее мне было вот от меня
        еще нет о из ему теперь когда даже ну вдруг ли если уже или ни быть был него до вас нибудь опять уж вам ведь
        там потом себя ничего ей может они тут где есть надо ней для мы тебя их чем была сам чтобы без будто чего раз
        тоже себе под будет ж тогда кто этот того потому этого какой совсем ним здесь этом один почти мой тем чтоб
        нее сейчас были куда зачем всех никогда можно при наконец два об другой хоть после над больше тот через эти нас
        про всего них какая много разве три эту моя впрочем хорошо свою этой перед иногда лучше чуть том нельзя такой
        им более всегда конечно всю между также заявил сообщил
        """
    ),
    "uk": _words(
        """
        і й в у на з із що не як а але та до за від по про для при це цей ця ці його її їх він вона вони ми ви я ти
        був була було були є бути буде може також вже ще лише тільки дуже або чи коли де який яка яке які
        """
    ),
    "ar": _words(
        """
        في من على إلى عن مع أن إن أو ثم بل لكن لا لم لن ما ماذا هذا هذه ذلك تلك هو هي هم هن نحن أنا الذي التي الذين
        كان كانت يكون تكون قد كل بعض بين بعد قبل عند حتى منذ خلال حول ضد دون غير أي إذا كما أيضا وقال وقالت قال قالت
        وفي ومن وعلى وأن التى فى به بها له لها لهم عليه عليها منه منها فيه فيها إنه أنه وهو وهي ولا
        """
    ),
    "he": _words(
        """
        של את על עם אל זה זו זאת הוא היא הם הן אני אנחנו אתה את כי אם או גם אבל לא כל כמו יותר רק עוד אחרי לפני בין
        היה הייתה היו יהיה אשר מה מי איך למה כאשר כך אך שם פה כבר עכשיו אף ב ל ו ה מ ש כ בו בה לו לה להם אותו אותה
        """
    ),
    "id": _words(
        """
        yang dan di ke dari ini itu dengan untuk pada adalah dalam tidak akan juga atau oleh karena sebagai ada telah
        sudah bisa dapat para mereka kami kita saya ia dia lebih satu tersebut hingga saat namun serta bahwa
        """
    ),
    "ko": _words(
        """
        이 그 저 것 수 등 및 또 또한 그리고 하지만 그러나 때문에 위해 대한 통해 있는 있다 없다 했다 한다 하는 된다 되는 있고 했고
        이번 지난 이날 이후 함께 가장 더 또는 중 관련 대해 밝혔다 말했다 있습니다 했습니다
        """
    ),
}
