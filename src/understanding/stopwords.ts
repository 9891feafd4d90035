import type { Lang } from '../engine/types';

/**
 * Function words per language, written accent-free and lower case (as `fold` leaves them): they carry
 * no topic, so search ignores them, and they are the best evidence of which language a message is in.
 * Words that do carry meaning here (back, off, after, during, without, terug, tijdens, zonder, pendant,
 * après, sans…) are kept.
 */
const LISTS: Record<Lang, string> = {
  en: `a about above again all also am an and any anybody anyone anything are as at be because been being
    both but by can cant could couldnt did didnt do does doesnt doing don dont each either else even ever
    every for from further get gets getting got had has hasnt have havent having he her here hers herself
    hi hello hey him himself his how however i id if ill im in into is isnt it its itself ive just know
    let lets like ll lot lots m many may me might mine more most much must my myself need needs no nor
    not now of ok okay on once one only or other our ours out over own please pls re really s same say
    shall she should shouldnt so some something such sure t than thank thanks that thats the their theirs
    them then there these they theyre thing things this those though thru to too u um under until up us
    ve very want wants was wasnt way we well were werent what whats when where whether which while who
    whom whose why will with wont would wouldnt yes yet you youre your yours yourself`,
  nl: `aan al alle alleen alles als alsjeblieft alstublieft altijd ander anders ben bent bij daar daarna
    dan dank dat de deze die dit doe doen doet dus een eens eigenlijk en er erg even ga gaan gaat gewoon
    had heb hebben hebt heeft heel hem het hier hij hoe hoi hun ik in is ja je jij jou jouw jullie kan
    kun kunnen kunt maar mag me mee meer men met mij mijn mn moet moeten mogen mijne na naar nee niet
    niets nog nu of om omdat ons onze ook op over s t te tegen toch toe tot u uit uw van veel voor waar
    wanneer want waren was wat we weet wel welk welke werd weten wie wij wil wilt willen word wordt worden
    zal ze zelf zich zij zijn zo zou zouden zullen dag hallo bedankt graag aub iets iemand zoals hoeveel
    laat echt ontzettend enorm best zeer`,
  fr: `a ai aie aient as au aucun aussi autre aux avais avait avec avez avoir avons bien bonjour c ca car
    ce cela celle celui ces cet cette chez comme comment d dans de des dois doit doivent donc dont du elle
    elles en encore es est et etais etait ete etes etre eu faut fais fait font il ils j je l la le les
    leur leurs lui m ma mais me merci mes moi mon n ne ni nos notre nous on ont ou oui par pas peu peut
    peuvent peux plus pour pourquoi pouvez pouvons puis puisje qu quand que quel quelle quelles quels qui
    quoi s sa salut sans-doute se ses si sil son sont suis sur svp t ta te tes toi ton tous tout toute
    toutes tres tu un une vais veut veux voila vont vos votre vous voudrais voulez y combien est-ce estce
    tellement vraiment beaucoup trop assez va vas`,
};

export const STOPWORDS: Record<Lang, Set<string>> = {
  en: new Set(LISTS.en.split(/\s+/).filter(Boolean)),
  nl: new Set(LISTS.nl.split(/\s+/).filter(Boolean)),
  fr: new Set(LISTS.fr.split(/\s+/).filter(Boolean)),
};
