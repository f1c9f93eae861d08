/** Word lists for the entity rules. Facts, not prose: names of countries, roles and cue words. */

const list = (s: string): string[] => s.split('|').map((x) => x.trim()).filter(Boolean);

export const COUNTRIES = new Set(list(`Afghanistan|Albania|Algeria|Andorra|Angola|Argentina|Armenia|Australia|Austria|
Azerbaijan|Bahamas|Bahrain|Bangladesh|Barbados|Belarus|Belgium|Belize|Benin|Bhutan|Bolivia|Bosnia|
Bosnia-Herzegovina|Bosnia and Herzegovina|Botswana|Brazil|Brunei|Bulgaria|Burkina Faso|Burundi|Cambodia|Cameroon|Canada|Chad|Chile|China|
Colombia|Comoros|Congo|Costa Rica|Croatia|Cuba|Cyprus|Czechia|Czech Republic|Denmark|Djibouti|Dominica|Ecuador|Egypt|
El Salvador|Eritrea|Estonia|Eswatini|Ethiopia|Fiji|Finland|France|Gabon|Gambia|Georgia|Germany|Ghana|Greece|
Grenada|Guatemala|Guinea|Guyana|Haiti|Honduras|Hungary|Iceland|India|Indonesia|Iran|Iraq|Ireland|Israel|Italy|
Jamaica|Japan|Jordan|Kazakhstan|Kenya|Kiribati|Kosovo|Kuwait|Kyrgyzstan|Laos|Latvia|Lebanon|Lesotho|Liberia|Libya|
Liechtenstein|Lithuania|Luxembourg|Madagascar|Malawi|Malaysia|Maldives|Mali|Malta|Mauritania|Mauritius|Mexico|
Moldova|Monaco|Mongolia|Montenegro|Morocco|Mozambique|Myanmar|Namibia|Nauru|Nepal|Netherlands|New Zealand|
Nicaragua|Niger|Nigeria|North Korea|North Macedonia|Norway|Oman|Pakistan|Palau|Palestine|Panama|Papua New Guinea|
Paraguay|Peru|Philippines|Poland|Portugal|Qatar|Romania|Russia|Rwanda|Samoa|San Marino|Saudi Arabia|Senegal|
Serbia|Seychelles|Sierra Leone|Singapore|Slovakia|Slovenia|Somalia|South Africa|South Korea|South Sudan|Spain|
Sri Lanka|Sudan|Suriname|Sweden|Switzerland|Syria|Taiwan|Tajikistan|Tanzania|Thailand|Togo|Tonga|Tunisia|Turkey|Türkiye|
Turkmenistan|Tuvalu|Uganda|Ukraine|United Arab Emirates|United Kingdom|United States|Uruguay|Uzbekistan|
Vanuatu|Vatican|Venezuela|Vietnam|Yemen|Zambia|Zimbabwe|Britain|Great Britain|England|Scotland|Wales|America|
Korea|Kaliningrad|Crimea|Donbas|Gaza|West Bank|Siberia|Europe|Asia|Africa|Antarctica|Oceania|Scandinavia|Balkans|
Baltics|Caucasus|Middle East|Latin America|North America|South America|Arctic|Baltic|Baltic Sea|Black Sea|
Mediterranean|Atlantic|Pacific|Warsaw|Moscow|Kyiv|Kiev|Minsk|Berlin|Paris|London|Brussels|Washington|Ottawa|Tokyo|Beijing|
Vilnius|Riga|Tallinn|Helsinki|Oslo|Stockholm|Copenhagen|Prague|Vienna|Budapest|Bucharest|Sofia|Athens|Rome|
Madrid|Lisbon|Dublin|Amsterdam|Bern|Geneva|Ankara|Istanbul|Kraków|Krakow|Gdańsk|Gdansk|Wrocław|Łódź|Lodz|
Poznań|Lublin|Białystok|Rzeszów|New York|Los Angeles|Chicago|Toronto|Sydney|Delhi|Mumbai|Cairo|Lagos|Nairobi`));

/** Adjectives of nationality, mapped to their country (they are type "other"). */
export const DEMONYMS = new Map<string, string>(
  list(`Polish:Poland|Russian:Russia|Ukrainian:Ukraine|Belarusian:Belarus|German:Germany|French:France|British:United Kingdom|
American:United States|Finnish:Finland|Estonian:Estonia|Latvian:Latvia|Lithuanian:Lithuania|Norwegian:Norway|
Swedish:Sweden|Danish:Denmark|Dutch:Netherlands|Belgian:Belgium|Spanish:Spain|Italian:Italy|Portuguese:Portugal|
Czech:Czechia|Slovak:Slovakia|Hungarian:Hungary|Romanian:Romania|Bulgarian:Bulgaria|Greek:Greece|Turkish:Turkey|
Chinese:China|Japanese:Japan|Korean:Korea|Indian:India|Canadian:Canada|Mexican:Mexico|Brazilian:Brazil|
Australian:Australia|Israeli:Israel|Palestinian:Palestine|Iranian:Iran|Iraqi:Iraq|Syrian:Syria|Egyptian:Egypt|
European:Europe|African:Africa|Asian:Asia|Baltic:Baltics|Nordic:Scandinavia|Irish:Ireland|Scottish:Scotland|
Swiss:Switzerland|Austrian:Austria|Croatian:Croatia|Serbian:Serbia|Georgian:Georgia|Armenian:Armenia|Cambodian:Cambodia|
Angolan:Angola|Soviet:Soviet Union|Western:West|Eastern:East`).map((p) => p.split(':') as [string, string]),
);

/** Outlets and agencies commonly named as the medium of a statement. */
export const MEDIA = new Set(list(`Reuters|The Associated Press|Associated Press|AP|AFP|Agence France-Presse|BBC|CNN|
Bloomberg|The New York Times|New York Times|The Washington Post|Washington Post|The Guardian|Guardian|Financial Times|
The Wall Street Journal|Wall Street Journal|Politico|Al Jazeera|Deutsche Welle|DW|Le Monde|Der Spiegel|Fox News|
NBC|CBS|ABC|NPR|Sky News|The Times|The Economist|Axios|TASS|Interfax|PAP|Polsat|TVN|RMF FM|Radio Free Europe|Euronews`));

/** Words that make a capitalised phrase an organisation. */
export const ORG_WORDS = new Set(list(`Ministry|Department|Commission|Council|Union|Agency|Institute|Institution|Company|
Corporation|Corp|Inc|Ltd|Limited|LLC|S.A.|SA|AG|GmbH|plc|PLC|Group|Bank|University|College|Party|Army|Navy|
Forces|Force|Police|Court|Parliament|Senate|Congress|Assembly|Association|Organization|Organisation|Foundation|
Committee|Office|Authority|Board|Bureau|Service|Services|Press|News|Agency|Alliance|Federation|Coalition|
Industries|Holdings|Systems|Airlines|Railways|Rail|Lines|Energy|Motors|Technologies|Labs|Network|Times|Post|
Herald|Gazette|Tribune|Journal|Ledger|Daily|Weekly|Wire|Observer|Courier|Chronicle|Standard|Telegraph|Express|Mirror|
Dispatch|Bulletin|Monitor|Review|Insider|Media|Online|Report|Reporter|Sentinel|Examiner|Inquirer|Gazeta|Zeitung|Broadcasting|Radio|Television|Watch|International|Trust|
Fund|Society|Church|Cabinet|Government|Administration|Secretariat|Directorate|Command|Guard|Brigade|Regiment|
Hospital|School|Centre|Center|Museum|League|Club|Network|Chamber|Works|Shipyard|Port|Authority|Ferries|Workers|
Shipping|Logistics|Transport|Partners|Solutions|Construction|Engineering|Airways|Lines|Railroad|Utilities|Water|Power|
Telecom|Pharma|Mining|Steel|Oil|Gas|Petroleum|Capital|Investments|Ventures|Studios|Records|Brands|Foods|Farms|Union`));

/** Words that make a capitalised phrase a law, treaty, programme or event ("other"). */
export const OTHER_WORDS = new Set(list(`Treaty|Convention|Agreement|Accord|Accords|Act|Protocol|Charter|Declaration|
Programme|Program|Plan|Shield|Strategy|Initiative|Summit|Conference|Games|Olympics|Cup|War|Operation|Project|
Doctrine|Pact|Law|Bill|Directive|Regulation|Award|Prize|Festival|Crisis|Line|Link|Tunnel|Bridge|Dam|Highway|Corridor|
Motorway|Railway|Pipeline|Reform|Budget|Election|Elections|Referendum|Deal|Framework|Fund|Index`));

/** Words that make a capitalised phrase a place. */
export const PLACE_WORDS = new Set(list(`Sound|Strait|Straits|Bay|Gulf|River|Lake|Sea|Ocean|Mountains|Mountain|Valley|Island|
Islands|Peninsula|Canal|Coast|Province|Region|County|District|Oblast|Voivodeship|City|Town|Village|Harbour|Harbor|
Airport|Station|Square|Street|Avenue|Road|Park|Forest|Desert|Plain|Plains|Delta|Fjord|Heights|Hills|Exclave|Enclave|
Central|Terminal|Quay|Pier|Dock|Docks|Port|Bridge`));

/** Acronyms that are organisations. */
export const ORG_ACRONYMS = new Set(list(`NATO|UN|EU|UNICEF|UNESCO|WHO|IMF|WTO|OSCE|OPEC|ICRC|UNHCR|FBI|CIA|NSA|
KGB|FSB|GRU|MI5|MI6|IAEA|ICC|ICJ|ECB|FIFA|IOC|ASEAN|G7|G20|AP|AFP|BBC|CNN|NPR|PAP|TASS|PiS|PO|SPD|CDU|NGO|HRW`));

/** Titles and roles that precede or follow a person's name. */
export const TITLE_WORDS = new Set(list(`President|Vice|Prime|Minister|Deputy|Secretary|Chancellor|Governor|Mayor|
Senator|Representative|Ambassador|General|Gen|Colonel|Col|Lieutenant|Lt|Major|Captain|Capt|Commander|Admiral|
Sergeant|Chief|Executive|Director|Chairman|Chairwoman|Chair|Spokesman|Spokeswoman|Spokesperson|Minister|
King|Queen|Prince|Princess|Pope|Bishop|Archbishop|Cardinal|Father|Sister|Judge|Justice|Attorney|Prosecutor|
Professor|Prof|Dr|Doctor|Mr|Mrs|Ms|Miss|Sir|Dame|Lord|Lady|Sheikh|Chief|CEO|Head|Leader|Speaker|Commissioner|
Foreign|Defence|Defense|Interior|Finance|Transport|Health|Economy|Energy|Justice|Education|Agriculture|Culture|
Environment|Labour|Labor|Trade|Infrastructure|State|Treasury|Home|Affairs|Security|National|Regional|Acting|
Former|Opposition|Party|Union|Trade|Managing|Operating|Financial|Officer|Senior|Junior|First|Lady|Rep|Sen|Gov|
Minister-President|Presidential|Parliamentary|Marshal|Envoy|Consul|Premier|Chairperson|Founder|Inspector|Superintendent|
Correspondent|Editor|Reporter|Analyst|Researcher|Economist|Spokesman`));

/** Lower-case role words used in appositions ("Jan Nowak, the company's chief executive"). */
export const ROLE_WORDS = new Set(list(`minister|president|spokesman|spokeswoman|spokesperson|director|chief|executive|
chairman|chairwoman|head|leader|mayor|governor|ambassador|general|commander|secretary|official|officer|analyst|
expert|professor|researcher|economist|lawyer|adviser|advisor|founder|owner|manager|engineer|resident|farmer|
correspondent|editor|reporter|senator|lawmaker|deputy|chancellor|premier|captain|inspector|prosecutor|judge|
negotiator|envoy|activist|campaigner|historian|scientist|doctor|nurse|teacher|student|worker|driver|pilot|
spokesman|representative|coordinator|organiser|organizer|planner|operator|superintendent|consultant|member`));

/** Capitalised words that start sentences but are not names. */
export const FUNCTION_WORDS = new Set(list(`The|A|An|This|That|These|Those|It|Its|He|She|They|We|I|You|His|Her|Their|Our|
My|Your|In|On|At|For|From|By|With|Without|Under|Over|After|Before|During|While|When|Where|Why|How|What|Which|Who|
Whom|Whose|If|But|And|Or|Nor|So|Yet|Although|Though|Because|Since|Until|As|Also|Both|Each|Every|All|Some|Many|
Most|More|Few|Several|Such|No|Not|Only|Even|Still|There|Here|Then|Now|Today|Yesterday|Tomorrow|However|Meanwhile|
Moreover|Furthermore|Instead|Despite|Among|Amid|Against|Between|Through|Across|About|Above|Below|Into|Onto|Upon|
Once|Twice|Last|Next|Earlier|Later|Officials|Critics|Supporters|Residents|Analysts|Experts|Police|According|
Asked|Speaking|Defending|Given|Following|Unlike|Like|Including|Overall|Finally|First|Second|Third|Another|Other|
Anti-tank|Anti-personnel|Human|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|
April|May|June|July|August|September|October|November|December|Mines|Landmines|Weapons|Yes|Thanks|Thank|Please|
Well|Oh|Good|Great|Sure|Exactly|Agreed|Indeed|Whether|Let|Do|Does|Did|Is|Are|Was|Were|Will|Would|Could|Should|Can|
May|Might|Must|Has|Have|Had|Be|Being|Been|Just|Very|Much|Any|None|Nothing|Everyone|Everything|Someone|Something|
Nobody|Anyone|Anything|Whatever|Whoever|Within|Along|Around|Behind|Beyond|Near|Toward|Towards|Per|Via|Plus|Minus`));

export const MONTHS_AND_DAYS = new Set(list(`Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|
March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec`));

/** Connectors allowed inside a capitalised name ("Ministry of Defence", "Bosnia and Herzegovina"). */
export const NAME_CONNECTORS = new Set(list(`of|for|de|da|del|della|di|du|van|der|den|von|la|le|al|bin|ibn|y|the`));
