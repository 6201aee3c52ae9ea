<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>@default</name>
    <message>
        <location filename="../plugin/gui/layer_actions.py" line="52"/>
        <source>KartaView sequences</source>
        <translation>Séquences KartaView</translation>
    </message>
    <message>
        <location filename="../plugin/gui/layer_actions.py" line="52"/>
        <source>KartaView photos</source>
        <translation>Photos KartaView</translation>
    </message>
    <message>
        <location filename="../plugin/gui/layer_actions.py" line="53"/>
        <source>KartaView road coverage</source>
        <translation>Couverture routière KartaView</translation>
    </message>
    <message>
        <location filename="../plugin/gui/layer_actions.py" line="75"/>
        <source>Open in KartaView</source>
        <translation>Ouvrir dans KartaView</translation>
    </message>
    <message>
        <location filename="../plugin/gui/layer_actions.py" line="291"/>
        <source>KartaView</source>
        <translation>KartaView</translation>
    </message>
    <message>
        <location filename="../plugin/gui/layer_actions.py" line="161"/>
        <source>Add KartaView layer</source>
        <translation>Ajouter une couche KartaView</translation>
    </message>
    <message>
        <location filename="../plugin/gui/layer_actions.py" line="163"/>
        <source>Add the KartaView sequences layer (photos and road coverage in the menu)</source>
        <translation>Ajouter la couche des séquences KartaView (photos et couverture routière dans le menu)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/layer_actions.py" line="167"/>
        <source>Clear KartaView cache</source>
        <translation>Vider le cache de KartaView</translation>
    </message>
    <message>
        <location filename="../plugin/gui/layer_actions.py" line="183"/>
        <source>The KartaView layer could not be created; see the KartaView log.</source>
        <translation>La couche KartaView n’a pas pu être créée ; consultez le journal KartaView.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/layer_actions.py" line="269"/>
        <source>The KartaView cache could not be cleared: {}</source>
        <translation>Le cache de KartaView n’a pas pu être vidé : {}</translation>
    </message>
    <message>
        <location filename="../plugin/core/messages.py" line="33"/>
        <source>Cancelled.</source>
        <translation>Annulé.</translation>
    </message>
    <message>
        <location filename="../plugin/core/messages.py" line="51"/>
        <source>KartaView cannot be reached. Check your internet connection; the server may also be down for a while.</source>
        <translation>KartaView est injoignable. Vérifiez votre connexion à Internet ; le serveur peut aussi être indisponible un moment.</translation>
    </message>
    <message>
        <location filename="../plugin/core/messages.py" line="38"/>
        <source>KartaView is busy or has a problem (HTTP {}). Try again in a few minutes.</source>
        <translation>KartaView est surchargé ou en difficulté (HTTP {}). Réessayez dans quelques minutes.</translation>
    </message>
    <message>
        <location filename="../plugin/core/messages.py" line="41"/>
        <source>KartaView did not accept the access token. Sign in again (Web ▸ KartaView ▸ Sign in to KartaView).</source>
        <translation>KartaView n’a pas accepté le jeton d’accès. Reconnectez-vous (Internet ▸ KartaView ▸ Se connecter à KartaView).</translation>
    </message>
    <message>
        <location filename="../plugin/core/messages.py" line="44"/>
        <source>KartaView does not know this sequence or photo (any more).</source>
        <translation>KartaView ne connaît pas (ou plus) cette séquence ou cette photo.</translation>
    </message>
    <message>
        <location filename="../plugin/core/messages.py" line="46"/>
        <source>KartaView refused the request (apiCode {}). See the KartaView log for details.</source>
        <translation>KartaView a refusé la requête (apiCode {}). Voir le journal KartaView pour les détails.</translation>
    </message>
    <message>
        <location filename="../plugin/core/messages.py" line="55"/>
        <source>Unexpected error ({}). See the KartaView log for details.</source>
        <translation>Erreur inattendue ({}). Voir le journal KartaView pour les détails.</translation>
    </message>
    <message>
        <location filename="../plugin/core/styles.py" line="19"/>
        <source>Less than a year old</source>
        <translation>Moins d’un an</translation>
    </message>
    <message>
        <location filename="../plugin/core/styles.py" line="20"/>
        <source>1 to 3 years old</source>
        <translation>1 à 3 ans</translation>
    </message>
    <message>
        <location filename="../plugin/core/styles.py" line="21"/>
        <source>3 to 6 years old</source>
        <translation>3 à 6 ans</translation>
    </message>
    <message>
        <location filename="../plugin/core/styles.py" line="22"/>
        <source>More than 6 years old</source>
        <translation>Plus de 6 ans</translation>
    </message>
    <message>
        <location filename="../plugin/core/styles.py" line="23"/>
        <source>Date unknown</source>
        <translation>Date inconnue</translation>
    </message>
    <message>
        <location filename="../plugin/core/styles.py" line="24"/>
        <source>360° imagery</source>
        <translation>Images 360°</translation>
    </message>
    <message>
        <location filename="../plugin/core/styles.py" line="25"/>
        <source>Covered in part (crossings, road ends)</source>
        <translation>Couverte en partie (croisements, extrémités)</translation>
    </message>
    <message>
        <location filename="../plugin/core/styles.py" line="26"/>
        <source>No imagery</source>
        <translation>Aucune image</translation>
    </message>
    <message>
        <location filename="../plugin/core/styles.py" line="27"/>
        <source>1 sequence</source>
        <translation>1 séquence</translation>
    </message>
    <message>
        <location filename="../plugin/core/styles.py" line="28"/>
        <source>2-3 sequences</source>
        <translation>2 à 3 séquences</translation>
    </message>
    <message>
        <location filename="../plugin/core/styles.py" line="29"/>
        <source>4 or more sequences</source>
        <translation>4 séquences ou plus</translation>
    </message>
    <message>
        <location filename="../plugin/core/styles.py" line="30"/>
        <source>Photo</source>
        <translation>Photo</translation>
    </message>
    <message>
        <location filename="../plugin/core/styles.py" line="31"/>
        <source>Photo and its heading (zoomed in)</source>
        <translation>Photo et sa direction (vue rapprochée)</translation>
    </message>
    <message>
        <location filename="../plugin/core/styles.py" line="32"/>
        <source>360° photo or no heading (zoomed in)</source>
        <translation>Photo 360° ou sans direction (vue rapprochée)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/layer_actions.py" line="238"/>
        <source>Loading KartaView data for the map view…</source>
        <translation>Chargement des données KartaView de la vue…</translation>
    </message>
    <message>
        <location filename="../plugin/gui/layer_actions.py" line="263"/>
        <source>KartaView cache cleared ({} MB freed).</source>
        <translation>Cache de KartaView vidé ({} Mo libérés).</translation>
    </message>
    <message>
        <location filename="../plugin/gui/layer_actions.py" line="158"/>
        <source>KartaView coverage (overview zoomed out, sequences zoomed in)</source>
        <translation>Couverture KartaView (vue d'ensemble en petite échelle, séquences en grande échelle)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/layer_actions.py" line="194"/>
        <source>The KartaView coverage overview could not be created.</source>
        <translation>La vue d'ensemble de la couverture KartaView n'a pas pu être créée.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/layer_actions.py" line="204"/>
        <source>The KartaView coverage group could not be created.</source>
        <translation>Le groupe de couverture KartaView n'a pas pu être créé.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/my_uploads.py" line="38"/>
        <source>Uploading</source>
        <translation>Envoi en cours</translation>
    </message>
    <message>
        <location filename="../plugin/gui/my_uploads.py" line="38"/>
        <source>Uploaded, waiting for processing</source>
        <translation>Envoyée, en attente de traitement</translation>
    </message>
    <message>
        <location filename="../plugin/gui/my_uploads.py" line="39"/>
        <source>Processing</source>
        <translation>Traitement en cours</translation>
    </message>
    <message>
        <location filename="../plugin/gui/my_uploads.py" line="39"/>
        <source>Published</source>
        <translation>Publiée</translation>
    </message>
    <message>
        <location filename="../plugin/gui/my_uploads.py" line="40"/>
        <source>Processing failed</source>
        <translation>Échec du traitement</translation>
    </message>
    <message>
        <location filename="../plugin/gui/my_uploads.py" line="40"/>
        <source>Unknown</source>
        <translation>Inconnu</translation>
    </message>
    <message>
        <location filename="../plugin/gui/my_uploads.py" line="186"/>
        <source>My KartaView uploads</source>
        <translation>Mes envois KartaView</translation>
    </message>
    <message>
        <location filename="../plugin/gui/my_uploads.py" line="54"/>
        <source>Press Refresh to list the sequences you uploaded.</source>
        <translation>Cliquez sur Actualiser pour lister les séquences que vous avez envoyées.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/my_uploads.py" line="58"/>
        <source>Sequence</source>
        <translation>Séquence</translation>
    </message>
    <message>
        <location filename="../plugin/gui/my_uploads.py" line="58"/>
        <source>Uploaded</source>
        <translation>Envoyée le</translation>
    </message>
    <message>
        <location filename="../plugin/gui/my_uploads.py" line="58"/>
        <source>Photos</source>
        <translation>Photos</translation>
    </message>
    <message>
        <location filename="../plugin/gui/my_uploads.py" line="58"/>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <location filename="../plugin/gui/my_uploads.py" line="58"/>
        <source>Place</source>
        <translation>Lieu</translation>
    </message>
    <message>
        <location filename="../plugin/gui/my_uploads.py" line="64"/>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <location filename="../plugin/gui/my_uploads.py" line="65"/>
        <source>Open on KartaView</source>
        <translation>Ouvrir sur KartaView</translation>
    </message>
    <message>
        <location filename="../plugin/gui/my_uploads.py" line="66"/>
        <source>Delete…</source>
        <translation>Supprimer…</translation>
    </message>
    <message>
        <location filename="../plugin/gui/my_uploads.py" line="83"/>
        <source>Sign in to KartaView (Web ▸ KartaView ▸ Sign in) to see your uploads.</source>
        <translation>Connectez-vous à KartaView (Internet ▸ KartaView ▸ Se connecter) pour voir vos envois.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/my_uploads.py" line="86"/>
        <source>Asking KartaView for your sequences…</source>
        <translation>Demande de vos séquences à KartaView…</translation>
    </message>
    <message>
        <location filename="../plugin/gui/my_uploads.py" line="101"/>
        <source>{} sequences, {} not published yet.</source>
        <translation>{} séquences, dont {} pas encore publiées.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/my_uploads.py" line="101"/>
        <source>You have not uploaded any sequence yet.</source>
        <translation>Vous n'avez encore envoyé aucune séquence.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/my_uploads.py" line="109"/>
        <source>Your sequences could not be listed: {}</source>
        <translation>Vos séquences n'ont pas pu être listées : {}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/my_uploads.py" line="125"/>
        <source>Delete sequence {} from KartaView?

{}

This cannot be undone: its photos are removed for everyone.</source>
        <translation>Supprimer la séquence {} de KartaView ?

{}

Cette action est définitive : ses photos sont supprimées pour tout le monde.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/my_uploads.py" line="127"/>
        <source>Delete KartaView sequence</source>
        <translation>Supprimer une séquence KartaView</translation>
    </message>
    <message>
        <location filename="../plugin/gui/my_uploads.py" line="133"/>
        <source>Deleting sequence {}…</source>
        <translation>Suppression de la séquence {}…</translation>
    </message>
    <message>
        <location filename="../plugin/gui/my_uploads.py" line="140"/>
        <source>Sequence {} was deleted.</source>
        <translation>La séquence {} a été supprimée.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/my_uploads.py" line="147"/>
        <source>Sequence {} is not on KartaView any more.</source>
        <translation>La séquence {} n'est plus sur KartaView.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/my_uploads.py" line="149"/>
        <source>KartaView refused to delete sequence {}: {}</source>
        <translation>KartaView a refusé de supprimer la séquence {} : {}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/my_uploads.py" line="151"/>
        <source>Sequence {} could not be deleted: {}</source>
        <translation>La séquence {} n'a pas pu être supprimée : {}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/overview.py" line="28"/>
        <source>KartaView coverage overview</source>
        <translation>Vue d'ensemble de la couverture KartaView</translation>
    </message>
    <message>
        <location filename="../plugin/gui/overview.py" line="32"/>
        <source>KartaView coverage</source>
        <translation>Couverture KartaView</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_preview.py" line="75"/>
        <source>Sequence {}: {} photo(s), {:.0f} m, {} ({}).</source>
        <translation>Séquence {} : {} photo(s), {:.0f} m, {} ({}).</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_preview.py" line="75"/>
        <source>360°</source>
        <translation>360°</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_preview.py" line="75"/>
        <source>{} of them 360°</source>
        <translation>dont {} à 360°</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_preview.py" line="75"/>
        <source>flat</source>
        <translation>plates</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_preview.py" line="127"/>
        <source>Skipped: no photo file</source>
        <translation>Ignorée : pas de fichier photo</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_preview.py" line="128"/>
        <source>Skipped: file missing or unreadable</source>
        <translation>Ignorée : fichier absent ou illisible</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_preview.py" line="129"/>
        <source>Skipped: not a JPEG</source>
        <translation>Ignorée : pas un JPEG</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_preview.py" line="130"/>
        <source>Skipped: corrupt JPEG</source>
        <translation>Ignorée : JPEG corrompu</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_preview.py" line="131"/>
        <source>Skipped: larger than 20 MB</source>
        <translation>Ignorée : plus de 20 Mo</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_preview.py" line="132"/>
        <source>Skipped: no position</source>
        <translation>Ignorée : pas de position</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_preview.py" line="133"/>
        <source>Skipped: no capture time</source>
        <translation>Ignorée : pas de date de prise de vue</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_preview.py" line="134"/>
        <source>Skipped: the same file twice</source>
        <translation>Ignorée : le même fichier deux fois</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_preview.py" line="135"/>
        <source>Skipped: a copy of another photo</source>
        <translation>Ignorée : copie d’une autre photo</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_preview.py" line="136"/>
        <source>Skipped: near-duplicate</source>
        <translation>Ignorée : quasi-doublon</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_preview.py" line="162"/>
        <source>Sequence {}</source>
        <translation>Séquence {}</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_preview.py" line="165"/>
        <source>Skipped</source>
        <translation>Ignorée</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_preview.py" line="168"/>
        <source>Failed</source>
        <translation>En échec</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_preview.py" line="171"/>
        <source>Already uploaded</source>
        <translation>Déjà téléversée</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_preview.py" line="171"/>
        <source>Not reached</source>
        <translation>Non atteinte</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_preview.py" line="187"/>
        <source>Sequence {}: {} photo(s), {:.0f} m, {}</source>
        <translation>Séquence {} : {} photo(s), {:.0f} m, {}</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_preview.py" line="190"/>
        <source>(360°)</source>
        <translation>(360°)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/track_input.py" line="45"/>
        <source>GPS track (GPX file or point/line layer with times)</source>
        <translation>Trace GPS (fichier GPX ou couche de points/lignes avec heures)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/track_input.py" line="48"/>
        <source>Time field of the track points</source>
        <translation>Champ d'heure des points de la trace</translation>
    </message>
    <message>
        <location filename="../plugin/processing/track_input.py" line="50"/>
        <source>Camera clock minus GPS clock (seconds)</source>
        <translation>Horloge de l'appareil moins horloge GPS (secondes)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/track_input.py" line="53"/>
        <source>Longest gap between track points to interpolate over (seconds)</source>
        <translation>Plus grand écart entre points de la trace à interpoler (secondes)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/track_input.py" line="58"/>
        <source>Time zone of the camera clock (e.g. Europe/Bucharest or UTC+02:00; empty: this computer&apos;s)</source>
        <translation>Fuseau horaire de l'horloge de l'appareil (p. ex. Europe/Bucharest ou UTC+02:00 ; vide : celui de cet ordinateur)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/track_input.py" line="64"/>
        <source>The GPS track is a GPX file (its track points are read; QGIS reads GPX itself) or any point layer with a date-time field (&quot;Time field of the track points&quot;), or a line layer whose vertices carry the time as M values (seconds since 1970-01-01 UTC). It may be in any CRS. Track times without a time zone are taken as UTC, as GPS and GPX times are. Positions are interpolated between the two track points around each time, unless they are further apart in time than the longest gap.

Camera clock minus GPS clock: how far the camera&apos;s clock was ahead of the GPS, in seconds (negative when behind). To find it, photograph a screen showing the GPS time (a GPS receiver, or a phone app showing GPS time) with the same camera: the offset is the photo&apos;s capture time minus the time shown in the photo, both read in the same time zone. A camera set to the wrong time zone is corrected either by the time zone setting or by whole hours in the offset.</source>
        <translation>La trace GPS est un fichier GPX (ses points de trace sont lus ; QGIS lit le GPX lui-même), ou toute couche de points avec un champ date-heure (« Champ d'heure des points de la trace »), ou une couche de lignes dont les sommets portent l'heure en valeur M (secondes depuis le 1970-01-01 UTC). Elle peut être dans n'importe quel SCR. Les heures de la trace sans fuseau horaire sont prises en UTC, comme le sont les heures GPS et GPX. Les positions sont interpolées entre les deux points de la trace qui entourent chaque heure, sauf s'ils sont plus éloignés dans le temps que le plus grand écart.

Horloge de l'appareil moins horloge GPS : de combien l'horloge de l'appareil avançait sur le GPS, en secondes (négatif si elle retardait). Pour la trouver, photographiez avec le même appareil un écran affichant l'heure GPS (un récepteur GPS, ou une application de téléphone affichant l'heure GPS) : le décalage est l'heure de prise de vue de la photo moins l'heure visible sur la photo, toutes deux lues dans le même fuseau horaire. Un appareil réglé sur le mauvais fuseau horaire se corrige soit par le réglage du fuseau horaire, soit par des heures entières dans le décalage.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/track_input.py" line="86"/>
        <source>No GPS track is given. Choose a GPX file or a point layer with times (the plugin does not read GPS recorded inside photo or video files for this: export it as GPX first).</source>
        <translation>Aucune trace GPS n'est donnée. Choisissez un fichier GPX ou une couche de points avec heures (l'extension ne lit pas pour cela le GPS enregistré dans les fichiers photo ou vidéo : exportez-le d'abord en GPX).</translation>
    </message>
    <message>
        <location filename="../plugin/processing/track_input.py" line="99"/>
        <source>The track has no time field &apos;{}&apos;. Choose the field holding each point&apos;s date and time.</source>
        <translation>La trace n'a pas de champ d'heure « {} ». Choisissez le champ qui contient la date et l'heure de chaque point.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/track_input.py" line="106"/>
        <source>The track has no points with a time: a track without times cannot place photos. Use the GPX file as recorded (with &lt;time&gt; on each point), or a layer with a date-time field.</source>
        <translation>La trace n'a aucun point avec une heure : une trace sans heures ne peut pas placer de photos. Utilisez le fichier GPX tel qu'enregistré (avec &lt;time&gt; sur chaque point), ou une couche avec un champ date-heure.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/track_input.py" line="112"/>
        <source>The track has only one distinct time ({} point(s)): at least two are needed.</source>
        <translation>La trace n'a qu'une seule heure distincte ({} point(s)) : il en faut au moins deux.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/track_input.py" line="115"/>
        <source>GPS track: {} points from {} to {} UTC, {:.0f} m travelled while moving.</source>
        <translation>Trace GPS : {} points de {} à {} UTC, {:.0f} m parcourus en mouvement.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/track_input.py" line="179"/>
        <source>{} (this computer&apos;s time zone)</source>
        <translation>{} (le fuseau horaire de cet ordinateur)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/track_input.py" line="192"/>
        <source>Unknown time zone &apos;{}&apos;. Give a name such as Europe/Bucharest or an offset such as UTC+02:00, or leave it empty for this computer&apos;s time zone.</source>
        <translation>Fuseau horaire inconnu « {} ». Donnez un nom comme Europe/Bucharest ou un décalage comme UTC+02:00, ou laissez vide pour le fuseau horaire de cet ordinateur.</translation>
    </message>
    <message>
        <location filename="../plugin/core/auth.py" line="173"/>
        <source>Could not reach OpenStreetMap ({}). Check the address and your connection.</source>
        <translation>Impossible de joindre OpenStreetMap ({}). Vérifiez l’adresse et votre connexion.</translation>
    </message>
    <message>
        <location filename="../plugin/core/auth.py" line="182"/>
        <source>OpenStreetMap did not accept the code (HTTP {}{}). Start the sign-in again; a code can be used once.</source>
        <translation>OpenStreetMap n’a pas accepté le code (HTTP {}{}). Recommencez la connexion ; un code ne sert qu’une fois.</translation>
    </message>
    <message>
        <location filename="../plugin/core/network.py" line="125"/>
        <source>QGIS&apos;s network settings give no proxy that can carry {} (an HTTP caching proxy serves only http:// addresses; Qt cannot use a socks5h:// system proxy): QGIS itself could not reach it either. Choose another proxy type in Settings &gt; Options &gt; Network.</source>
        <translation>Les paramètres réseau de QGIS ne donnent aucun proxy capable de transmettre {} (un proxy HTTP avec cache ne sert que les adresses http:// ; Qt ne peut pas utiliser un proxy système socks5h://) : QGIS lui-même ne pourrait pas l’atteindre non plus. Choisissez un autre type de proxy dans Préférences &gt; Options &gt; Réseau.</translation>
    </message>
    <message>
        <location filename="../plugin/core/network.py" line="177"/>
        <source>QGIS&apos;s network settings name a SOCKS proxy, and the KartaView plugin needs the Python package PySocks to use one (Debian/Ubuntu: apt install python3-socks; elsewhere: pip install PySocks in QGIS&apos;s Python).</source>
        <translation>Les paramètres réseau de QGIS indiquent un proxy SOCKS, et l’extension KartaView a besoin du paquet Python PySocks pour l’utiliser (Debian/Ubuntu : apt install python3-socks ; ailleurs : pip install PySocks dans le Python de QGIS).</translation>
    </message>
</context>
<context>
    <name>CoverageGapsAlgorithm</name>
    <message>
        <location filename="../plugin/processing/coverage_gaps.py" line="64"/>
        <source>Coverage gaps (streets without imagery)</source>
        <translation>Lacunes de couverture (rues sans images)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_gaps.py" line="87"/>
        <source>Roads (line layer)</source>
        <translation>Routes (couche de lignes)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_gaps.py" line="89"/>
        <source>Tolerance (meters a sequence may run from a road and still cover it)</source>
        <translation>Tolérance (distance en mètres à laquelle une séquence peut passer d’une route tout en la couvrant)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_gaps.py" line="93"/>
        <source>Road id field (guessed when empty)</source>
        <translation>Champ de l’identifiant de route (deviné s’il est vide)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_gaps.py" line="95"/>
        <source>Road name field (guessed when empty)</source>
        <translation>Champ du nom de route (deviné s’il est vide)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_gaps.py" line="102"/>
        <source>Roads with coverage</source>
        <translation>Routes avec leur couverture</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_gaps.py" line="104"/>
        <source>Coverage gaps</source>
        <translation>Lacunes de couverture</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_gaps.py" line="106"/>
        <source>Road length (km)</source>
        <translation>Longueur des routes (km)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_gaps.py" line="106"/>
        <source>Covered (km)</source>
        <translation>Couvert (km)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_gaps.py" line="106"/>
        <source>Covered share (%)</source>
        <translation>Part couverte (%)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_gaps.py" line="106"/>
        <source>Gaps (km)</source>
        <translation>Lacunes (km)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_gaps.py" line="106"/>
        <source>Gap pieces</source>
        <translation>Nombre de lacunes</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_gaps.py" line="106"/>
        <source>Sequences used</source>
        <translation>Séquences utilisées</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_gaps.py" line="110"/>
        <source>Newest capture</source>
        <translation>Prise de vue la plus récente</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_gaps.py" line="111"/>
        <source>Oldest capture</source>
        <translation>Prise de vue la plus ancienne</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_gaps.py" line="187"/>
        <source>There are no roads to analyse: the layer is empty, no feature is selected or no road has a line geometry.</source>
        <translation>Aucune route à analyser : la couche est vide, aucune entité n’est sélectionnée ou aucune route n’a de géométrie linéaire.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_gaps.py" line="167"/>
        <source>{} roads could not be transformed to metres and count as empty.</source>
        <translation>{} routes n’ont pas pu être transformées en mètres et sont comptées comme vides.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_gaps.py" line="169"/>
        <source>{} KartaView sequences near {} roads.</source>
        <translation>{} séquences KartaView à proximité de {} routes.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_gaps.py" line="185"/>
        <source>{} roads without a line geometry were left out.</source>
        <translation>{} routes sans géométrie linéaire ont été ignorées.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_gaps.py" line="197"/>
        <source>Loading KartaView sequences for {:.4f},{:.4f},{:.4f},{:.4f} ({} map tiles)…</source>
        <translation>Chargement des séquences KartaView pour {:.4f},{:.4f},{:.4f},{:.4f} ({} tuiles)…</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_gaps.py" line="221"/>
        <source>The roads layer has no field &apos;{}&apos;.</source>
        <translation>La couche des routes n’a pas de champ « {} ».</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_gaps.py" line="226"/>
        <source>Roads: {:.2f} km. Covered: {:.2f} km ({:.1f} %). Gaps: {:.2f} km in {} pieces.</source>
        <translation>Routes : {:.2f} km. Couvert : {:.2f} km ({:.1f} %). Lacunes : {:.2f} km en {} morceaux.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_gaps.py" line="230"/>
        <source>Newest capture: {}. Oldest capture: {}.</source>
        <translation>Prise de vue la plus récente : {}. La plus ancienne : {}.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_gaps.py" line="233"/>
        <source>No road is driven along by a KartaView sequence.</source>
        <translation>Aucune route n’est parcourue par une séquence KartaView.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_gaps.py" line="67"/>
        <source>Finds the streets of a road layer that have no KartaView imagery, to plan capture drives.

A road counts as covered where a KartaView sequence runs within the tolerance of it, in either direction. A sequence crossing a road covers only about twice the tolerance of it, and a parallel street farther away than the tolerance is not covered. The capture dates, sequence count and 360 flag of a road come from the sequences running along it (more than 2.5 times the tolerance of it, or nearly all of a short road), not from those only crossing it.

Sequences: by default the KartaView sequences of the roads' extent, loaded through the plugin's cache (complete data is waited for; run again offline over the cache). Or give a sequences line layer, e.g. the output of &quot;Download KartaView sequences, photos or road coverage&quot;: then no network is used. The filters (upload dates from/until, driver, minimum quality, 360° only) apply to both.

Roads with coverage: every input road with covered_m, covered_pct, newest_capture, oldest_capture, sequence_count and has_360. Gaps: the uncovered stretches as lines with their length, the road's id and name and the distance to the nearest covered stretch of any road (0 when a gap continues a covered stretch). Road id and name fields are guessed from common names when not chosen. The log gives the totals.</source>
        <translation>Trouve les rues d’une couche de routes qui n’ont aucune image KartaView, pour planifier des campagnes de prise de vue.

Une route est couverte là où une séquence KartaView passe à moins de la tolérance, dans un sens ou dans l’autre. Une séquence qui croise une route n’en couvre qu’environ deux fois la tolérance, et une rue parallèle plus éloignée que la tolérance n’est pas couverte. Les dates de prise de vue, le nombre de séquences et l’indicateur 360 d’une route proviennent des séquences qui la longent (sur plus de 2,5 fois la tolérance, ou presque toute une route courte), et non de celles qui ne font que la croiser.

Séquences : par défaut, les séquences KartaView de l’emprise des routes, chargées via le cache de l’extension (l’algorithme attend les données complètes ; relancez-le hors ligne sur le cache). Ou bien fournissez une couche de lignes de séquences, par exemple le résultat de « Télécharger les séquences, photos ou la couverture routière KartaView » : aucun accès réseau n’est alors nécessaire. Les filtres (dates de téléversement de/à, conducteur, qualité minimale, 360° uniquement) s’appliquent dans les deux cas.

Routes avec leur couverture : chaque route en entrée avec covered_m, covered_pct, newest_capture, oldest_capture, sequence_count et has_360. Lacunes : les portions non couvertes, sous forme de lignes avec leur longueur, l’identifiant et le nom de la route et la distance à la portion couverte la plus proche, toutes routes confondues (0 quand une lacune prolonge une portion couverte). Les champs d’identifiant et de nom de route sont devinés d’après les noms usuels s’ils ne sont pas choisis. Le journal donne les totaux.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_gaps.py" line="98"/>
        <source>Sequences layer (instead of loading from KartaView)</source>
        <translation>Couche des séquences (au lieu du chargement depuis KartaView)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_gaps.py" line="206"/>
        <source>KartaView data for the roads&apos; extent could not be loaded, and was not cached before: {} You can also give a sequences layer (e.g. from &quot;Download KartaView sequences, photos or road coverage&quot;) instead.</source>
        <translation>Les données KartaView de l’emprise des routes n’ont pas pu être chargées et n’étaient pas en cache : {} Vous pouvez aussi fournir à la place une couche de séquences (par exemple issue de « Télécharger les séquences, photos ou la couverture routière KartaView »).</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_gaps.py" line="191"/>
        <source>{} roads, analysed in {} tiles.</source>
        <translation>{} routes, analysées en {} tuiles.</translation>
    </message>
</context>
<context>
    <name>CoverageStatisticsAlgorithm</name>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="257"/>
        <source>KartaView coverage statistics</source>
        <translation>Statistiques de couverture KartaView</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="98"/>
        <source>How much KartaView imagery there is, of what and where: kilometres of sequences by capture year, quality band, device and 360° or not, with the newest and oldest capture, per area.

Sequences come from KartaView (in the extent, or the areas' extent) or from a line layer such as the output of &quot;Download KartaView sequences&quot;. Areas are any polygon layer (districts, say); without one the extent is the area. A sequence counts in an area with its length inside it; areas should not overlap for the totals to add up. Given a road layer, the share of its length within the tolerance of a sequence is reported per area too.

Outputs: a table with one row per area, a long table (area, dimension, category, km, sequences) to pivot, and an HTML report with charts, which opens from the Results Viewer.</source>
        <translation>Combien d'imagerie KartaView il y a, de quel type et où : les kilomètres de séquences par année de prise de vue, classe de qualité, appareil et 360° ou non, avec la prise de vue la plus récente et la plus ancienne, par zone.

Les séquences viennent de KartaView (dans l'emprise, ou l'emprise des zones) ou d'une couche de lignes comme la sortie de « Télécharger des séquences KartaView ». Les zones sont une couche de polygones quelconque (des quartiers, par exemple) ; sans elle, l'emprise est la zone. Une séquence compte dans une zone pour sa longueur à l'intérieur ; les zones ne doivent pas se chevaucher pour que les totaux s'additionnent. Avec une couche de routes, la part de sa longueur à moins de la tolérance d'une séquence est aussi donnée par zone.

Sorties : une table avec une ligne par zone, une table longue (zone, dimension, catégorie, km, séquences) à croiser, et un rapport HTML avec des graphiques, qui s'ouvre depuis la visionneuse de résultats.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="186"/>
        <source>Extent</source>
        <translation>Emprise</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="111"/>
        <source>Sequences layer (instead of loading them from KartaView)</source>
        <translation>Couche de séquences (au lieu de les charger depuis KartaView)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="114"/>
        <source>Areas</source>
        <translation>Zones</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="116"/>
        <source>Area name field</source>
        <translation>Champ du nom de zone</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="118"/>
        <source>Roads (for the covered share)</source>
        <translation>Routes (pour la part couverte)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="121"/>
        <source>Road coverage tolerance (metres)</source>
        <translation>Tolérance de couverture des routes (mètres)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="126"/>
        <source>Statistics per area</source>
        <translation>Statistiques par zone</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="128"/>
        <source>Kilometres by year, quality, device and 360°</source>
        <translation>Kilomètres par année, qualité, appareil et 360°</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="131"/>
        <source>Report</source>
        <translation>Rapport</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="131"/>
        <source>HTML files (*.html)</source>
        <translation>Fichiers HTML (*.html)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="133"/>
        <source>Kilometres of imagery</source>
        <translation>Kilomètres d'imagerie</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="258"/>
        <source>Sequences</source>
        <translation>Séquences</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="160"/>
        <source>All areas</source>
        <translation>Toutes les zones</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="165"/>
        <source>The Python package plotly is missing: the report has tables, no charts.</source>
        <translation>Le paquet Python plotly manque : le rapport contient les tables, sans graphiques.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="169"/>
        <source>{:.2f} km of {} sequences in {} areas.</source>
        <translation>{:.2f} km de {} séquences dans {} zones.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="178"/>
        <source>Area {}</source>
        <translation>Zone {}</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="181"/>
        <source>The areas layer has no polygon to measure in.</source>
        <translation>La couche de zones n'a aucun polygone où mesurer.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="185"/>
        <source>Give an extent or an areas layer.</source>
        <translation>Indiquez une emprise ou une couche de zones.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="192"/>
        <source>Loading KartaView sequences from {}...</source>
        <translation>Chargement des séquences KartaView depuis {}...</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="199"/>
        <source>KartaView data could not be loaded: {}</source>
        <translation>Les données KartaView n'ont pas pu être chargées : {}</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="216"/>
        <source>Measuring the road coverage...</source>
        <translation>Mesure de la couverture des routes...</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="257"/>
        <source>Generated {} from {}.</source>
        <translation>Généré le {} à partir de {}.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="258"/>
        <source>Area</source>
        <translation>Zone</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="258"/>
        <source>km</source>
        <translation>km</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="259"/>
        <source>Newest capture</source>
        <translation>Prise de vue la plus récente</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="259"/>
        <source>Oldest capture</source>
        <translation>Prise de vue la plus ancienne</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="259"/>
        <source>Road km</source>
        <translation>Km de routes</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="260"/>
        <source>Covered road km</source>
        <translation>Km de routes couverts</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="260"/>
        <source>Roads covered %</source>
        <translation>% de routes couvertes</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="261"/>
        <source>Capture year</source>
        <translation>Année de prise de vue</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="261"/>
        <source>Quality band</source>
        <translation>Classe de qualité</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="261"/>
        <source>Device</source>
        <translation>Appareil</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="262"/>
        <source>360°</source>
        <translation>360°</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="262"/>
        <source>Kilometres by {}</source>
        <translation>Kilomètres par {}</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="262"/>
        <source>Summary</source>
        <translation>Résumé</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="263"/>
        <source>The charts need the Python package plotly, which this QGIS lacks; the tables are complete.</source>
        <translation>Les graphiques nécessitent le paquet Python plotly, absent de ce QGIS ; les tables sont complètes.</translation>
    </message>
</context>
<context>
    <name>DownloadSequencesAlgorithm</name>
    <message>
        <location filename="../plugin/processing/download_sequences.py" line="71"/>
        <source>Downloads the KartaView data of an extent and writes it to any vector output (GeoPackage, PostGIS, memory...).

Sequences: one line per sequence crossing the extent, drawn through all of its photos in capture order, with its attributes (country, quality, length, photo count, dates, driver, device, 360°, web page). Photos: one point per photo inside the extent, with heading, capture date and image addresses. Road coverage: the road segments KartaView has imagery of, with the number of sequences covering each.

Filters: upload dates from/until, the driver's username, a minimum quality (0-100) and 360° imagery only. Unlike the map layer, this waits until the data of the whole extent is loaded; answers are kept in the plugin's cache, so running it again is fast. The sequence_id and photo_id fields hold KartaView's ids.</source>
        <translation>Télécharge les données KartaView d’une emprise et les écrit dans n’importe quelle sortie vectorielle (GeoPackage, PostGIS, mémoire…).

Séquences : une ligne par séquence traversant l’emprise, tracée à travers toutes ses photos dans l’ordre de prise de vue, avec ses attributs (pays, qualité, longueur, nombre de photos, dates, conducteur, appareil, 360°, page web). Photos : un point par photo située dans l’emprise, avec l’orientation, la date de prise de vue et les adresses des images. Couverture routière : les tronçons de route dont KartaView a des images, avec le nombre de séquences qui couvrent chacun.

Filtres : dates de téléversement de/à, nom d’utilisateur du conducteur, qualité minimale (0-100) et images 360° uniquement. Contrairement à la couche cartographique, l’algorithme attend que les données de toute l’emprise soient chargées ; les réponses sont conservées dans le cache de l’extension, si bien qu’une nouvelle exécution est rapide. Les champs sequence_id et photo_id contiennent les identifiants KartaView.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/download_sequences.py" line="85"/>
        <source>Extent</source>
        <translation>Emprise</translation>
    </message>
    <message>
        <location filename="../plugin/processing/download_sequences.py" line="86"/>
        <source>What to download</source>
        <translation>Données à télécharger</translation>
    </message>
    <message>
        <location filename="../plugin/processing/download_sequences.py" line="86"/>
        <source>Sequences (lines)</source>
        <translation>Séquences (lignes)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/download_sequences.py" line="86"/>
        <source>Photos (points)</source>
        <translation>Photos (points)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/download_sequences.py" line="86"/>
        <source>Road coverage (lines)</source>
        <translation>Couverture routière (lignes)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/download_sequences.py" line="91"/>
        <source>KartaView data</source>
        <translation>Données KartaView</translation>
    </message>
    <message>
        <location filename="../plugin/processing/download_sequences.py" line="93"/>
        <source>Features written</source>
        <translation>Entités écrites</translation>
    </message>
    <message>
        <location filename="../plugin/processing/download_sequences.py" line="100"/>
        <source>The extent is empty.</source>
        <translation>L’emprise est vide.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/download_sequences.py" line="130"/>
        <source>KartaView data could not be downloaded: {}</source>
        <translation>Les données KartaView n’ont pas pu être téléchargées : {}</translation>
    </message>
    <message>
        <location filename="../plugin/processing/download_sequences.py" line="146"/>
        <source>{} {} written.</source>
        <translation>Entités écrites : {} {}.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/download_sequences.py" line="199"/>
        <source>sequences</source>
        <translation>séquences</translation>
    </message>
    <message>
        <location filename="../plugin/processing/download_sequences.py" line="199"/>
        <source>photos</source>
        <translation>photos</translation>
    </message>
    <message>
        <location filename="../plugin/processing/download_sequences.py" line="200"/>
        <source>road segments</source>
        <translation>tronçons de route</translation>
    </message>
    <message>
        <location filename="../plugin/processing/download_sequences.py" line="68"/>
        <source>Download KartaView sequences, photos or road coverage</source>
        <translation>Télécharger les séquences, photos ou la couverture routière KartaView</translation>
    </message>
    <message>
        <location filename="../plugin/processing/download_sequences.py" line="110"/>
        <source>Reading KartaView {} ({} map tiles) from the plugin&apos;s cache, or else from {}...</source>
        <translation>Lecture KartaView : {} ({} tuiles) depuis le cache de l’extension, sinon depuis {}…</translation>
    </message>
    <message>
        <location filename="../plugin/processing/download_sequences.py" line="187"/>
        <source>KartaView did not answer {} of {} requests: the data cached earlier was used for them and may be out of date.</source>
        <translation>KartaView n’a pas répondu à {} requêtes sur {} : les données mises en cache auparavant ont été utilisées et peuvent être périmées.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/download_sequences.py" line="191"/>
        <source>Used the plugin&apos;s cache only: KartaView was not asked again (cached answers are kept {} hours; &apos;Clear KartaView cache&apos; forgets them).</source>
        <translation>Seul le cache de l’extension a servi : KartaView n’a pas été interrogé à nouveau (les réponses sont gardées {} heures ; « Vider le cache KartaView » les oublie).</translation>
    </message>
    <message>
        <location filename="../plugin/processing/download_sequences.py" line="195"/>
        <source>{} of {} answers came from the plugin&apos;s cache, {} from KartaView.</source>
        <translation>{} réponses sur {} venaient du cache de l’extension, {} de KartaView.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/download_sequences.py" line="179"/>
        <source>Style and time range saved beside the output: {}</source>
        <translation>Style et plage temporelle enregistrés à côté du résultat : {}</translation>
    </message>
</context>
<context>
    <name>FilterParameters</name>
    <message>
        <location filename="../plugin/processing/filters.py" line="34"/>
        <source>Uploaded on or after</source>
        <translation>Téléversées le ou après le</translation>
    </message>
    <message>
        <location filename="../plugin/processing/filters.py" line="36"/>
        <source>Uploaded on or before</source>
        <translation>Téléversées le ou avant le</translation>
    </message>
    <message>
        <location filename="../plugin/processing/filters.py" line="38"/>
        <source>Only this driver (username)</source>
        <translation>Uniquement ce conducteur (nom d’utilisateur)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/filters.py" line="40"/>
        <source>Minimum quality (0-100)</source>
        <translation>Qualité minimale (0-100)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/filters.py" line="43"/>
        <source>360° imagery only</source>
        <translation>Images 360° uniquement</translation>
    </message>
    <message>
        <location filename="../plugin/processing/filters.py" line="57"/>
        <source>The &apos;uploaded on or after&apos; date is later than the &apos;uploaded on or before&apos; date.</source>
        <translation>La date « téléversées le ou après le » est postérieure à la date « téléversées le ou avant le ».</translation>
    </message>
</context>
<context>
    <name>GeotagPhotosAlgorithm</name>
    <message>
        <location filename="../plugin/processing/geotag_photos.py" line="70"/>
        <source>Geotag photos from a GPS track</source>
        <translation>Géolocaliser des photos avec une trace GPS</translation>
    </message>
    <message>
        <location filename="../plugin/processing/geotag_photos.py" line="73"/>
        <source>Places photos taken without GPS (an action camera in time-lapse, a camera beside a phone logging GPX) on a GPS track by their capture times, ready for &quot;Upload photos to KartaView&quot;. The photos are the JPEGs of a folder, or a layer with a photo path field such as the one &quot;Import geotagged photos&quot; makes (its table of photos without a position too). The photo files are only read, never modified.

Each photo&apos;s capture time is the camera&apos;s EXIF DateTimeOriginal (with its sub-seconds). It is read in the time zone chosen, unless the photo states its own (OffsetTimeOriginal); the log says which zone was used.

</source>
        <translation>Place des photos prises sans GPS (une caméra d'action en time-lapse, un appareil à côté d'un téléphone qui enregistre un GPX) sur une trace GPS d'après leurs heures de prise de vue, prêtes pour « Téléverser des photos vers KartaView ». Les photos sont les JPEG d'un dossier, ou une couche avec un champ de chemin de photo comme celle que fait « Importer des photos géolocalisées » (sa table des photos sans position aussi). Les fichiers photo sont seulement lus, jamais modifiés.

L'heure de prise de vue de chaque photo est le DateTimeOriginal EXIF de l'appareil (avec ses fractions de seconde). Elle est lue dans le fuseau horaire choisi, sauf si la photo indique le sien (OffsetTimeOriginal) ; le journal dit quel fuseau a été utilisé.

</translation>
    </message>
    <message>
        <location filename="../plugin/processing/geotag_photos.py" line="81"/>
        <source>

The output has one point per photo the track covers: the photo path, the time in UTC, the position on the track at that time, and the direction: the photo&apos;s own (GPSImgDirection) where it has one, else the track&apos;s direction of travel. The second output lists the photos the track does not cover, with the reason (before or after the track, in a gap of the track, no capture time, unreadable file).</source>
        <translation>

La sortie a un point par photo couverte par la trace : le chemin de la photo, l'heure en UTC, la position sur la trace à cette heure, et la direction : celle de la photo (GPSImgDirection) si elle en a une, sinon la direction de déplacement de la trace. La seconde sortie liste les photos que la trace ne couvre pas, avec la raison (avant ou après la trace, dans une lacune de la trace, pas d'heure de prise de vue, fichier illisible).</translation>
    </message>
    <message>
        <location filename="../plugin/processing/geotag_photos.py" line="89"/>
        <source>Folder of photos</source>
        <translation>Dossier de photos</translation>
    </message>
    <message>
        <location filename="../plugin/processing/geotag_photos.py" line="92"/>
        <source>Include the photos of subfolders</source>
        <translation>Inclure les photos des sous-dossiers</translation>
    </message>
    <message>
        <location filename="../plugin/processing/geotag_photos.py" line="94"/>
        <source>Or a layer of photos (e.g. made by Import geotagged photos)</source>
        <translation>Ou une couche de photos (p. ex. faite par Importer des photos géolocalisées)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/geotag_photos.py" line="97"/>
        <source>Photo file field</source>
        <translation>Champ du fichier photo</translation>
    </message>
    <message>
        <location filename="../plugin/processing/geotag_photos.py" line="101"/>
        <source>Geotagged photos</source>
        <translation>Photos géolocalisées</translation>
    </message>
    <message>
        <location filename="../plugin/processing/geotag_photos.py" line="103"/>
        <source>Photos the track does not cover</source>
        <translation>Photos non couvertes par la trace</translation>
    </message>
    <message>
        <location filename="../plugin/processing/geotag_photos.py" line="106"/>
        <source>Photos geotagged</source>
        <translation>Photos géolocalisées</translation>
    </message>
    <message>
        <location filename="../plugin/processing/geotag_photos.py" line="107"/>
        <source>Photos not covered</source>
        <translation>Photos non couvertes</translation>
    </message>
    <message>
        <location filename="../plugin/processing/geotag_photos.py" line="114"/>
        <source>Camera times without a time zone are read in {}; the camera clock is taken as {:+.1f} s ahead of the GPS clock.</source>
        <translation>Les heures de l'appareil sans fuseau horaire sont lues en {} ; l'horloge de l'appareil est considérée en avance de {:+.1f} s sur l'horloge GPS.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/geotag_photos.py" line="140"/>
        <source>The photo file cannot be read ({}).</source>
        <translation>Le fichier photo ne peut pas être lu ({}).</translation>
    </message>
    <message>
        <location filename="../plugin/processing/geotag_photos.py" line="144"/>
        <source>The photo has no capture time (EXIF DateTimeOriginal).</source>
        <translation>La photo n'a pas d'heure de prise de vue (EXIF DateTimeOriginal).</translation>
    </message>
    <message>
        <location filename="../plugin/processing/geotag_photos.py" line="170"/>
        <source>{} photo(s) state their own time zone (EXIF OffsetTimeOriginal): that zone was used for them.</source>
        <translation>{} photo(s) indiquent leur propre fuseau horaire (EXIF OffsetTimeOriginal) : ce fuseau a été utilisé pour elles.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/geotag_photos.py" line="172"/>
        <source>Geotagged {} photo(s); {} not covered by the track.</source>
        <translation>{} photo(s) géolocalisée(s) ; {} non couverte(s) par la trace.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/geotag_photos.py" line="174"/>
        <source>No photo falls within the track: the photos were taken from {} to {} (UTC on the GPS clock, after the time zone and offset), the track runs from {} to {}. Check the time offset and the camera&apos;s time zone.</source>
        <translation>Aucune photo ne tombe dans la trace : les photos ont été prises de {} à {} (UTC sur l'horloge GPS, après fuseau horaire et décalage), la trace va de {} à {}. Vérifiez le décalage horaire et le fuseau horaire de l'appareil.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/geotag_photos.py" line="189"/>
        <source>Choose a folder of photos or a layer of photos.</source>
        <translation>Choisissez un dossier de photos ou une couche de photos.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/geotag_photos.py" line="191"/>
        <source>The folder of photos {} does not exist.</source>
        <translation>Le dossier de photos {} n'existe pas.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/geotag_photos.py" line="199"/>
        <source>The layer of photos has no field &apos;{}&apos;.</source>
        <translation>La couche de photos n'a pas de champ « {} ».</translation>
    </message>
    <message>
        <location filename="../plugin/processing/geotag_photos.py" line="227"/>
        <source>Taken {:.1f} s before the track starts.</source>
        <translation>Prise {:.1f} s avant le début de la trace.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/geotag_photos.py" line="229"/>
        <source>Taken {:.1f} s after the track ends.</source>
        <translation>Prise {:.1f} s après la fin de la trace.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/geotag_photos.py" line="230"/>
        <source>Taken in a gap of the track ({:.1f} s without a GPS point).</source>
        <translation>Prise dans une lacune de la trace ({:.1f} s sans point GPS).</translation>
    </message>
</context>
<context>
    <name>KartaViewOptionsFactory</name>
    <message>
        <location filename="../plugin/gui/options_page.py" line="186"/>
        <source>KartaView</source>
        <translation>KartaView</translation>
    </message>
</context>
<context>
    <name>KartaViewOptionsPage</name>
    <message>
        <location filename="../plugin/gui/options_page.py" line="91"/>
        <source>Set by the environment variable {}</source>
        <translation>Défini par la variable d’environnement {}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/options_page.py" line="97"/>
        <source>Environment variables decide some values; they cannot be changed here: {}</source>
        <translation>Des variables d’environnement fixent certaines valeurs, qui ne peuvent donc pas être modifiées ici : {}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/options_page.py" line="117"/>
        <source>Could not clear the cache: {}</source>
        <translation>Impossible de vider le cache : {}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/options_page.py" line="159"/>
        <source>Could not save the KartaView settings: {}</source>
        <translation>Impossible d’enregistrer les paramètres de KartaView : {}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/options_page.py" line="125"/>
        <source>The account is set by the environment variable {}.</source>
        <translation>Le compte est défini par la variable d’environnement {}.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/options_page.py" line="127"/>
        <source>Signed in as {}.</source>
        <translation>Connecté en tant que {}.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/options_page.py" line="129"/>
        <source>Signed in.</source>
        <translation>Connecté.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/options_page.py" line="131"/>
        <source>Not signed in. Sign in to upload photos.</source>
        <translation>Non connecté. Connectez-vous pour téléverser des photos.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/options_page.py" line="152"/>
        <source>Could not sign out: {}</source>
        <translation>Impossible de se déconnecter : {}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/options_page.py" line="108"/>
        <source>unknown</source>
        <translation>inconnue</translation>
    </message>
    <message>
        <location filename="../plugin/gui/options_page.py" line="145"/>
        <source>Could not open the sign-in dialog: {}</source>
        <translation>Impossible d’ouvrir la fenêtre de connexion : {}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/options_page.py" line="107"/>
        <source>Could not read the cache: {}</source>
        <translation>Impossible de lire le cache : {}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/options_page.py" line="133"/>
        <source>Uploads use the access token of the environment variable {}.</source>
        <translation>Les téléversements utilisent le jeton d’accès de la variable d’environnement {}.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/options_page.py" line="111"/>
        <source>{} MB</source>
        <translation>{} Mo</translation>
    </message>
</context>
<context>
    <name>KartaViewPlugin</name>
    <message>
        <location filename="../plugin/plugin.py" line="70"/>
        <source>KartaView</source>
        <translation>KartaView</translation>
    </message>
</context>
<context>
    <name>KartaViewProcessingProvider</name>
    <message>
        <location filename="../plugin/processing/provider.py" line="31"/>
        <source>KartaView</source>
        <translation>KartaView</translation>
    </message>
</context>
<context>
    <name>KartaViewProvider</name>
    <message>
        <location filename="../plugin/provider/provider.py" line="68"/>
        <source>Cannot open the KartaView layer {!r}: {}</source>
        <translation>Impossible d’ouvrir la couche KartaView {!r} : {}</translation>
    </message>
    <message>
        <location filename="../plugin/provider/provider.py" line="84"/>
        <source>Reading the KartaView layer failed: {}</source>
        <translation>La lecture de la couche KartaView a échoué : {}</translation>
    </message>
    <message>
        <location filename="../plugin/provider/provider.py" line="103"/>
        <source>KartaView web service</source>
        <translation>Service web KartaView</translation>
    </message>
    <message>
        <location filename="../plugin/provider/provider.py" line="165"/>
        <source>Counting KartaView features failed: {}</source>
        <translation>Le comptage des entités KartaView a échoué : {}</translation>
    </message>
    <message>
        <location filename="../plugin/provider/provider.py" line="185"/>
        <source>Computing the KartaView layer extent failed: {}</source>
        <translation>Le calcul de l’emprise de la couche KartaView a échoué : {}</translation>
    </message>
    <message>
        <location filename="../plugin/provider/provider.py" line="242"/>
        <source>Zoomed out too far: zoom in to load KartaView road coverage (showing what is loaded).</source>
        <translation>Échelle trop petite : zoomez pour charger la couverture routière KartaView (affichage de ce qui est déjà chargé).</translation>
    </message>
    <message>
        <location filename="../plugin/provider/provider.py" line="243"/>
        <source>Zoomed out too far to list KartaView {}: zoom in, or add the KartaView coverage layer for this scale (showing what is loaded).</source>
        <translation>Échelle trop petite pour lister les {} KartaView : zoomez ou ajoutez la couche de couverture KartaView pour cette échelle (affichage de ce qui est déjà chargé).</translation>
    </message>
    <message>
        <location filename="../plugin/provider/provider.py" line="246"/>
        <source>Loading KartaView {}...</source>
        <translation>Chargement KartaView : {}…</translation>
    </message>
    <message>
        <location filename="../plugin/provider/provider.py" line="248"/>
        <source>KartaView did not answer for part of the view: showing what is loaded.</source>
        <translation>KartaView n’a pas répondu pour une partie de la vue : affichage de ce qui est déjà chargé.</translation>
    </message>
    <message>
        <location filename="../plugin/provider/provider.py" line="252"/>
        <source>sequences</source>
        <translation>séquences</translation>
    </message>
    <message>
        <location filename="../plugin/provider/provider.py" line="252"/>
        <source>photos</source>
        <translation>photos</translation>
    </message>
    <message>
        <location filename="../plugin/provider/provider.py" line="252"/>
        <source>road coverage</source>
        <translation>couverture routière</translation>
    </message>
    <message>
        <location filename="../plugin/provider/provider.py" line="257"/>
        <source>Road coverage from /1.0/tracks/ (number of sequences per road segment)</source>
        <translation>Couverture routière issue de /1.0/tracks/ (nombre de séquences par tronçon de route)</translation>
    </message>
    <message>
        <location filename="../plugin/provider/provider.py" line="259"/>
        <source>Photos from nearby-photos tiles; sequence lines from each sequence&apos;s photo list</source>
        <translation>Photos issues des tuiles nearby-photos ; lignes des séquences issues de la liste des photos de chaque séquence</translation>
    </message>
    <message>
        <location filename="../plugin/provider/provider.py" line="260"/>
        <source>complete for the view</source>
        <translation>complet pour la vue</translation>
    </message>
    <message>
        <location filename="../plugin/provider/provider.py" line="261"/>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../plugin/provider/provider.py" line="261"/>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <location filename="../plugin/provider/provider.py" line="264"/>
        <source>Describing the KartaView layer failed: {}</source>
        <translation>La description de la couche KartaView a échoué : {}</translation>
    </message>
    <message>
        <location filename="../plugin/provider/provider.py" line="41"/>
        <source>KartaView street imagery (sequences, photos, road coverage)</source>
        <translation>Images de rue KartaView (séquences, photos, couverture routière)</translation>
    </message>
    <message>
        <location filename="../plugin/provider/provider.py" line="63"/>
        <source>the layer filter {!r} is not valid: {}</source>
        <translation>le filtre de couche {!r} n’est pas valide : {}</translation>
    </message>
    <message>
        <location filename="../plugin/provider/provider.py" line="123"/>
        <source>The KartaView layer filter {!r} is not valid: {}</source>
        <translation>Le filtre de la couche KartaView {!r} n’est pas valide : {}</translation>
    </message>
    <message>
        <location filename="../plugin/provider/provider.py" line="132"/>
        <source>Setting the KartaView layer filter failed: {}</source>
        <translation>Impossible d’appliquer le filtre de la couche KartaView : {}</translation>
    </message>
    <message>
        <location filename="../plugin/provider/provider.py" line="225"/>
        <source>Reloading the KartaView layer failed: {}</source>
        <translation>Le rechargement de la couche KartaView a échoué : {}</translation>
    </message>
</context>
<context>
    <name>KartaViewRootItem</name>
    <message>
        <location filename="../plugin/gui/browser.py" line="27"/>
        <source>KartaView</source>
        <translation>KartaView</translation>
    </message>
    <message>
        <location filename="../plugin/gui/browser.py" line="29"/>
        <source>KartaView street-level imagery: sequences, photos and road coverage</source>
        <translation>Images de rue KartaView : séquences, photos et couverture routière</translation>
    </message>
</context>
<context>
    <name>LoaderFetch</name>
    <message>
        <location filename="../plugin/provider/loader_fetch.py" line="64"/>
        <source>The extent is too large to download from KartaView at once: it covers {} map tiles, and at most {} are downloaded in one run (a metropolitan area). Choose a smaller extent, or split it into parts and run the download on each.</source>
        <translation>L’emprise est trop grande pour être téléchargée de KartaView en une fois : elle couvre {} tuiles de carte, et au plus {} sont téléchargées par exécution (une agglomération). Choisissez une emprise plus petite, ou découpez-la en parties et lancez le téléchargement sur chacune.</translation>
    </message>
    <message>
        <location filename="../plugin/provider/loader_fetch.py" line="134"/>
        <source>Using KartaView data cached earlier: {}</source>
        <translation>Utilisation des données KartaView mises en cache auparavant : {}</translation>
    </message>
</context>
<context>
    <name>LoaderJobs</name>
    <message>
        <location filename="../plugin/provider/loader_jobs.py" line="219"/>
        <source>KartaView has more data in {} map tile(s) than the plugin reads per tile ({} pages): {} of the {} records it reported there were loaded, the newest first.</source>
        <translation>KartaView a plus de données dans {} tuile(s) de carte que l’extension n’en lit par tuile ({} pages) : {} des {} enregistrements annoncés y ont été chargés, les plus récents d’abord.</translation>
    </message>
    <message>
        <location filename="../plugin/provider/loader_jobs.py" line="223"/>
        <source>{} record(s) KartaView sent could not be read (a missing or out-of-range id) and were left out.</source>
        <translation>{} enregistrement(s) envoyé(s) par KartaView n’ont pas pu être lus (identifiant manquant ou hors limites) et ont été ignorés.</translation>
    </message>
    <message>
        <location filename="../plugin/provider/loader_jobs.py" line="285"/>
        <source>{} The KartaView layers show what was loaded before and load the rest once KartaView answers.</source>
        <translation>{} Les couches KartaView affichent ce qui avait été chargé et chargeront le reste dès que KartaView répondra.</translation>
    </message>
</context>
<context>
    <name>OptionsComponent</name>
    <message>
        <location filename="../plugin/gui/options_page.py" line="206"/>
        <source>KartaView Settings…</source>
        <translation>Paramètres de KartaView…</translation>
    </message>
    <message>
        <location filename="../plugin/gui/options_page.py" line="216"/>
        <source>Could not open the KartaView settings: {}</source>
        <translation>Impossible d’ouvrir les paramètres de KartaView : {}</translation>
    </message>
</context>
<context>
    <name>OptionsPage</name>
    <message>
        <location filename="../ui/options_page.ui" line="24"/>
        <source>KartaView server</source>
        <translation>Serveur KartaView</translation>
    </message>
    <message>
        <location filename="../ui/options_page.ui" line="30"/>
        <source>API address</source>
        <translation>Adresse de l’API</translation>
    </message>
    <message>
        <location filename="../ui/options_page.ui" line="40"/>
        <source>Address of the KartaView API. Leave empty for the public KartaView service.</source>
        <translation>Adresse de l’API KartaView. Laisser vide pour utiliser le service public KartaView.</translation>
    </message>
    <message>
        <location filename="../ui/options_page.ui" line="47"/>
        <source>Allow plain http:// to other computers (the access token then travels unencrypted)</source>
        <translation>Autoriser http:// non chiffré vers d’autres ordinateurs (le jeton d’accès circule alors en clair)</translation>
    </message>
    <message>
        <location filename="../ui/options_page.ui" line="50"/>
        <source>Only for a test server you trust on your own network. Addresses on this computer are always allowed.</source>
        <translation>Seulement pour un serveur de test de confiance sur votre propre réseau. Les adresses de cet ordinateur sont toujours autorisées.</translation>
    </message>
    <message>
        <location filename="../ui/options_page.ui" line="60"/>
        <source>Cache</source>
        <translation>Cache</translation>
    </message>
    <message>
        <location filename="../ui/options_page.ui" line="66"/>
        <source>Maximum size</source>
        <translation>Taille maximale</translation>
    </message>
    <message>
        <location filename="../ui/options_page.ui" line="76"/>
        <source> MB</source>
        <translation> Mo</translation>
    </message>
    <message>
        <location filename="../ui/options_page.ui" line="92"/>
        <source>Refresh after</source>
        <translation>Actualiser après</translation>
    </message>
    <message>
        <location filename="../ui/options_page.ui" line="102"/>
        <source>Cached KartaView answers older than this are fetched again.</source>
        <translation>Les réponses de KartaView mises en cache depuis plus longtemps sont téléchargées à nouveau.</translation>
    </message>
    <message>
        <location filename="../ui/options_page.ui" line="105"/>
        <source> h</source>
        <translation> h</translation>
    </message>
    <message>
        <location filename="../ui/options_page.ui" line="118"/>
        <source>Folder</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <location filename="../ui/options_page.ui" line="132"/>
        <source>Current size</source>
        <translation>Taille actuelle</translation>
    </message>
    <message>
        <location filename="../ui/options_page.ui" line="157"/>
        <source>Clear cache</source>
        <translation>Vider le cache</translation>
    </message>
    <message>
        <location filename="../ui/options_page.ui" line="169"/>
        <source>Upload</source>
        <translation>Téléversement</translation>
    </message>
    <message>
        <location filename="../ui/options_page.ui" line="175"/>
        <source>Parallel uploads</source>
        <translation>Téléversements simultanés</translation>
    </message>
    <message>
        <location filename="../ui/options_page.ui" line="185"/>
        <source>How many photos are sent at the same time.</source>
        <translation>Nombre de photos envoyées en même temps.</translation>
    </message>
    <message>
        <location filename="../ui/options_page.ui" line="254"/>
        <source>Default filters of new layers</source>
        <translation>Filtres par défaut des nouvelles couches</translation>
    </message>
    <message>
        <location filename="../ui/options_page.ui" line="260"/>
        <source>Minimum quality</source>
        <translation>Qualité minimale</translation>
    </message>
    <message>
        <location filename="../ui/options_page.ui" line="270"/>
        <source>Any</source>
        <translation>Toutes</translation>
    </message>
    <message>
        <location filename="../ui/options_page.ui" line="280"/>
        <source>Only 360° imagery</source>
        <translation>Images 360° uniquement</translation>
    </message>
    <message>
        <location filename="../ui/options_page.ui" line="287"/>
        <source>Only added since</source>
        <translation>Uniquement ajoutées depuis le</translation>
    </message>
    <message>
        <location filename="../ui/options_page.ui" line="304"/>
        <source>User name</source>
        <translation>Nom d’utilisateur</translation>
    </message>
    <message>
        <location filename="../ui/options_page.ui" line="314"/>
        <source>Only show imagery of this KartaView user. Leave empty for everyone.</source>
        <translation>N’afficher que les images de cet utilisateur KartaView. Laisser vide pour tous les utilisateurs.</translation>
    </message>
    <message>
        <location filename="../ui/options_page.ui" line="324"/>
        <source>Account</source>
        <translation>Compte</translation>
    </message>
    <message>
        <location filename="../ui/options_page.ui" line="337"/>
        <source>Sign in…</source>
        <translation>Se connecter…</translation>
    </message>
    <message>
        <location filename="../ui/options_page.ui" line="344"/>
        <source>Sign out</source>
        <translation>Se déconnecter</translation>
    </message>
    <message>
        <location filename="../ui/options_page.ui" line="201"/>
        <source>Video (FFmpeg)</source>
        <translation>Vidéo (FFmpeg)</translation>
    </message>
    <message>
        <location filename="../ui/options_page.ui" line="207"/>
        <source>Sampling videos needs FFmpeg&apos;s programs, which QGIS does not include. Leave empty to use those found on the PATH.</source>
        <translation>L'échantillonnage des vidéos nécessite les programmes de FFmpeg, que QGIS n'inclut pas. Laissez vide pour utiliser ceux trouvés dans le PATH.</translation>
    </message>
    <message>
        <location filename="../ui/options_page.ui" line="217"/>
        <source>ffmpeg program</source>
        <translation>Programme ffmpeg</translation>
    </message>
    <message>
        <location filename="../ui/options_page.ui" line="227"/>
        <source>Full path of the ffmpeg program, e.g. C:\ffmpeg\bin\ffmpeg.exe</source>
        <translation>Chemin complet du programme ffmpeg, p. ex. C:\ffmpeg\bin\ffmpeg.exe</translation>
    </message>
    <message>
        <location filename="../ui/options_page.ui" line="234"/>
        <source>ffprobe program</source>
        <translation>Programme ffprobe</translation>
    </message>
    <message>
        <location filename="../ui/options_page.ui" line="244"/>
        <source>Full path of the ffprobe program, e.g. C:\ffmpeg\bin\ffprobe.exe</source>
        <translation>Chemin complet du programme ffprobe, p. ex. C:\ffmpeg\bin\ffprobe.exe</translation>
    </message>
</context>
<context>
    <name>OutputStyler</name>
    <message>
        <location filename="../plugin/processing/styling.py" line="29"/>
        <source>The style {} was not applied: {}</source>
        <translation>Le style {} n’a pas été appliqué : {}</translation>
    </message>
</context>
<context>
    <name>PhotoComponent</name>
    <message>
        <location filename="../plugin/gui/photo_component.py" line="56"/>
        <source>KartaView photo panel</source>
        <translation>Panneau des photos KartaView</translation>
    </message>
    <message>
        <location filename="../plugin/gui/photo_component.py" line="77"/>
        <source>Show KartaView photo</source>
        <translation>Afficher la photo KartaView</translation>
    </message>
    <message>
        <location filename="../plugin/gui/photo_component.py" line="124"/>
        <source>This feature names no KartaView photo.</source>
        <translation>Cette entité ne désigne aucune photo KartaView.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/photo_component.py" line="129"/>
        <source>Could not show the photo: {}</source>
        <translation>Impossible d’afficher la photo : {}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/photo_component.py" line="132"/>
        <source>No KartaView photo near this point.</source>
        <translation>Aucune photo KartaView près de ce point.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/photo_component.py" line="135"/>
        <source>Could not search KartaView photos: {}</source>
        <translation>Impossible de rechercher des photos KartaView : {}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/photo_component.py" line="151"/>
        <source>KartaView</source>
        <translation>KartaView</translation>
    </message>
    <message>
        <location filename="../plugin/gui/photo_component.py" line="65"/>
        <source>Click a street to see its photo.</source>
        <translation>Cliquez sur une rue pour voir sa photo.</translation>
    </message>
</context>
<context>
    <name>PhotoDetails</name>
    <message>
        <location filename="../plugin/gui/photo_details.py" line="43"/>
        <source>{} (id {})</source>
        <translation>{} (id {})</translation>
    </message>
    <message>
        <location filename="../plugin/gui/photo_details.py" line="72"/>
        <source>Save the photo</source>
        <translation>Enregistrer la photo</translation>
    </message>
    <message>
        <location filename="../plugin/gui/photo_details.py" line="72"/>
        <source>JPEG images (*.jpg *.jpeg)</source>
        <translation>Images JPEG (*.jpg *.jpeg)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/photo_details.py" line="80"/>
        <source>Saved to {}</source>
        <translation>Enregistrée dans {}</translation>
    </message>
</context>
<context>
    <name>PhotoDock</name>
    <message>
        <location filename="../ui/photo_dock.ui" line="6"/>
        <source>KartaView Photo</source>
        <translation>Photo KartaView</translation>
    </message>
    <message>
        <location filename="../ui/photo_dock.ui" line="20"/>
        <source>Pick a photo on the map with the “Show KartaView photo” tool.</source>
        <translation>Choisissez une photo sur la carte avec l’outil « Afficher la photo KartaView ».</translation>
    </message>
    <message>
        <location filename="../ui/photo_dock.ui" line="40"/>
        <source>Retry</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <location filename="../ui/photo_dock.ui" line="48"/>
        <source>Zoom in</source>
        <translation>Zoom avant</translation>
    </message>
    <message>
        <location filename="../ui/photo_dock.ui" line="49"/>
        <source>Zoom out</source>
        <translation>Zoom arrière</translation>
    </message>
    <message>
        <location filename="../ui/photo_dock.ui" line="50"/>
        <source>Fit the photo in the view</source>
        <translation>Ajuster la photo à la vue</translation>
    </message>
    <message>
        <location filename="../ui/photo_dock.ui" line="51"/>
        <source>Load the full-resolution image</source>
        <translation>Charger l’image en pleine résolution</translation>
    </message>
    <message>
        <location filename="../ui/photo_dock.ui" line="51"/>
        <source>Full</source>
        <translation>Original</translation>
    </message>
    <message>
        <location filename="../ui/photo_dock.ui" line="57"/>
        <source>First photo of the sequence (Home)</source>
        <translation>Première photo de la séquence (Début)</translation>
    </message>
    <message>
        <location filename="../ui/photo_dock.ui" line="58"/>
        <source>Previous photo (Left arrow)</source>
        <translation>Photo précédente (flèche gauche)</translation>
    </message>
    <message>
        <location filename="../ui/photo_dock.ui" line="59"/>
        <source>Play the sequence</source>
        <translation>Lire la séquence</translation>
    </message>
    <message>
        <location filename="../ui/photo_dock.ui" line="60"/>
        <source>Next photo (Right arrow)</source>
        <translation>Photo suivante (flèche droite)</translation>
    </message>
    <message>
        <location filename="../ui/photo_dock.ui" line="61"/>
        <source>Last photo of the sequence (End)</source>
        <translation>Dernière photo de la séquence (Fin)</translation>
    </message>
    <message>
        <location filename="../ui/photo_dock.ui" line="62"/>
        <source>Playback speed</source>
        <translation>Vitesse de lecture</translation>
    </message>
    <message>
        <location filename="../ui/photo_dock.ui" line="63"/>
        <source>Photo index in the sequence</source>
        <translation>Numéro de la photo dans la séquence</translation>
    </message>
    <message>
        <location filename="../ui/photo_dock.ui" line="71"/>
        <source>Position in the sequence</source>
        <translation>Position dans la séquence</translation>
    </message>
    <message>
        <location filename="../ui/photo_dock.ui" line="76"/>
        <source>Photo details</source>
        <translation>Détails de la photo</translation>
    </message>
    <message>
        <location filename="../ui/photo_dock.ui" line="79"/>
        <source>Sequence:</source>
        <translation>Séquence :</translation>
    </message>
    <message>
        <location filename="../ui/photo_dock.ui" line="81"/>
        <source>Photo:</source>
        <translation>Photo :</translation>
    </message>
    <message>
        <location filename="../ui/photo_dock.ui" line="83"/>
        <source>Captured:</source>
        <translation>Prise le :</translation>
    </message>
    <message>
        <location filename="../ui/photo_dock.ui" line="85"/>
        <source>User:</source>
        <translation>Utilisateur :</translation>
    </message>
    <message>
        <location filename="../ui/photo_dock.ui" line="87"/>
        <source>Heading:</source>
        <translation>Orientation :</translation>
    </message>
    <message>
        <location filename="../ui/photo_dock.ui" line="89"/>
        <source>GPS accuracy:</source>
        <translation>Précision GPS :</translation>
    </message>
    <message>
        <location filename="../ui/photo_dock.ui" line="91"/>
        <source>Projection:</source>
        <translation>Projection :</translation>
    </message>
    <message>
        <location filename="../ui/photo_dock.ui" line="93"/>
        <source>Device:</source>
        <translation>Appareil :</translation>
    </message>
    <message>
        <location filename="../ui/photo_dock.ui" line="95"/>
        <source>Link:</source>
        <translation>Lien :</translation>
    </message>
    <message>
        <location filename="../ui/photo_dock.ui" line="102"/>
        <source>Open in browser</source>
        <translation>Ouvrir dans le navigateur</translation>
    </message>
    <message>
        <location filename="../ui/photo_dock.ui" line="102"/>
        <source>Open this photo on the KartaView website</source>
        <translation>Ouvrir cette photo sur le site de KartaView</translation>
    </message>
    <message>
        <location filename="../ui/photo_dock.ui" line="103"/>
        <source>Copy the link to this photo</source>
        <translation>Copier le lien vers cette photo</translation>
    </message>
    <message>
        <location filename="../ui/photo_dock.ui" line="104"/>
        <source>Save the photo to a file</source>
        <translation>Enregistrer la photo dans un fichier</translation>
    </message>
    <message>
        <location filename="../ui/photo_dock.ui" line="110"/>
        <source>Keep the map centred on the photo</source>
        <translation>Garder la carte centrée sur la photo</translation>
    </message>
    <message>
        <location filename="../plugin/gui/photo_dock.py" line="168"/>
        <source>Loading sequence {}…</source>
        <translation>Chargement de la séquence {}…</translation>
    </message>
    <message>
        <location filename="../plugin/gui/photo_dock.py" line="188"/>
        <source>Could not read the photos of sequence {}: {}</source>
        <translation>Impossible de lire les photos de la séquence {} : {}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/photo_dock.py" line="198"/>
        <source>Sequence {} has no photos.</source>
        <translation>La séquence {} ne contient aucune photo.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/photo_dock.py" line="279"/>
        <source>of {}</source>
        <translation>sur {}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/photo_dock.py" line="317"/>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <location filename="../plugin/gui/photo_dock.py" line="338"/>
        <source>Loading the full-resolution image…</source>
        <translation>Chargement de l’image en pleine résolution…</translation>
    </message>
    <message>
        <location filename="../plugin/gui/photo_dock.py" line="354"/>
        <source>{} × {} px ({})</source>
        <translation>{} × {} px ({})</translation>
    </message>
    <message>
        <location filename="../plugin/gui/photo_dock.py" line="365"/>
        <source>Could not load photo {}: {}</source>
        <translation>Impossible de charger la photo {} : {}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/photo_dock.py" line="142"/>
        <source>Something went wrong: {}</source>
        <translation>Une erreur s’est produite : {}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/photo_dock.py" line="323"/>
        <source>thumbnail</source>
        <translation>vignette</translation>
    </message>
    <message>
        <location filename="../plugin/gui/photo_dock.py" line="323"/>
        <source>large</source>
        <translation>grande</translation>
    </message>
    <message>
        <location filename="../plugin/gui/photo_dock.py" line="324"/>
        <source>full resolution</source>
        <translation>pleine résolution</translation>
    </message>
</context>
<context>
    <name>PhotoFolderGpxPreviewModel</name>
    <message>
        <location filename="../plugin/processing/models/__init__.py" line="103"/>
        <source>Photo folder and GPS track to KartaView (upload preview)</source>
        <translation>Dossier de photos et trace GPS vers KartaView (aperçu du téléversement)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/models/__init__.py" line="106"/>
        <source>Geotags the photos of a folder with a GPS track (&quot;Geotag photos from a GPS track&quot;: a GPX file or a layer with times, the camera clock&apos;s offset and time zone) and plans their upload to KartaView (&quot;Upload photos to KartaView&quot;). By default a dry run: nothing is sent, and the planned sequences and the photos are shown on the map; the photos the track does not cover are listed with the reason. Turn the dry run off to upload (sign in first). Run it in batch mode over many folders: one row per folder, each with its track.

The model is a .model3 file in the plugin&apos;s processing/models folder: open it in the Model Designer to adapt it.</source>
        <translation>Géolocalise les photos d’un dossier avec une trace GPS (« Géolocaliser des photos avec une trace GPS » : un fichier GPX ou une couche avec heures, le décalage et le fuseau horaire de l’horloge de l’appareil) et planifie leur téléversement vers KartaView (« Téléverser des photos vers KartaView »). Par défaut un essai à blanc : rien n’est envoyé, et les séquences prévues et les photos sont affichées sur la carte ; les photos que la trace ne couvre pas sont listées avec la raison. Désactivez l’essai à blanc pour téléverser (connectez-vous d’abord). Lancez-le en mode de traitement par lots sur de nombreux dossiers : une ligne par dossier, chacune avec sa trace.

Le modèle est un fichier .model3 du dossier processing/models de l’extension : ouvrez-le dans le modeleur graphique pour l’adapter.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/models/__init__.py" line="118"/>
        <source>Photo folder</source>
        <translation>Dossier de photos</translation>
    </message>
    <message>
        <location filename="../plugin/processing/models/__init__.py" line="119"/>
        <source>Include sub-folders</source>
        <translation>Inclure les sous-dossiers</translation>
    </message>
    <message>
        <location filename="../plugin/processing/models/__init__.py" line="120"/>
        <source>GPS track (GPX file or point/line layer with times)</source>
        <translation>Trace GPS (fichier GPX ou couche de points/lignes avec heures)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/models/__init__.py" line="122"/>
        <source>Camera clock minus GPS clock (seconds)</source>
        <translation>Horloge de l'appareil moins horloge GPS (secondes)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/models/__init__.py" line="123"/>
        <source>Time zone of the camera clock (e.g. Europe/Bucharest or UTC+02:00; empty: this computer&apos;s)</source>
        <translation>Fuseau horaire de l'horloge de l'appareil (p. ex. Europe/Bucharest ou UTC+02:00 ; vide : celui de cet ordinateur)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/models/__init__.py" line="125"/>
        <source>Dry run (plan and preview, send nothing)</source>
        <translation>Essai à blanc (planifier et prévisualiser, ne rien envoyer)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/models/__init__.py" line="126"/>
        <source>Maximum time gap within a sequence (seconds)</source>
        <translation>Écart de temps maximal dans une séquence (secondes)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/models/__init__.py" line="127"/>
        <source>Maximum distance gap within a sequence (meters)</source>
        <translation>Écart de distance maximal dans une séquence (mètres)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/models/__init__.py" line="129"/>
        <source>Photos twice as wide as high without GPano XMP are 360°</source>
        <translation>Les photos deux fois plus larges que hautes sans XMP GPano sont à 360°</translation>
    </message>
    <message>
        <location filename="../plugin/processing/models/__init__.py" line="131"/>
        <source>Photos the track does not cover</source>
        <translation>Photos non couvertes par la trace</translation>
    </message>
    <message>
        <location filename="../plugin/processing/models/__init__.py" line="132"/>
        <source>Upload report</source>
        <translation>Rapport de téléversement</translation>
    </message>
    <message>
        <location filename="../plugin/processing/models/__init__.py" line="133"/>
        <source>Planned sequences</source>
        <translation>Séquences prévues</translation>
    </message>
</context>
<context>
    <name>PhotoFolderPreviewModel</name>
    <message>
        <location filename="../plugin/processing/models/__init__.py" line="67"/>
        <source>Photo folder to KartaView (upload preview)</source>
        <translation>Dossier de photos vers KartaView (aperçu du téléversement)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/models/__init__.py" line="70"/>
        <source>Imports the geotagged photos of a folder (&quot;Import geotagged photos&quot;) and plans their upload to KartaView (&quot;Upload photos to KartaView&quot;). By default a dry run: nothing is sent, and the planned sequences and the photos are shown on the map, coloured by sequence and skip reason. Turn the dry run off to upload (sign in first). Run it in batch mode over many folders: one row per folder.

The model is a .model3 file in the plugin&apos;s processing/models folder: open it in the Model Designer to adapt it (e.g. add a geotagging step before the upload).</source>
        <translation>Importe les photos géolocalisées d’un dossier (« Importer des photos géolocalisées ») et planifie leur téléversement vers KartaView (« Téléverser des photos vers KartaView »). Par défaut un essai à blanc : rien n’est envoyé, et les séquences prévues et les photos sont affichées sur la carte, colorées par séquence et par raison d’exclusion. Désactivez l’essai à blanc pour téléverser (connectez-vous d’abord). Lancez-le en mode de traitement par lots sur de nombreux dossiers : une ligne par dossier.

Le modèle est un fichier .model3 du dossier processing/models de l’extension : ouvrez-le dans le modeleur graphique pour l’adapter (par exemple ajouter une étape de géolocalisation avant le téléversement).</translation>
    </message>
    <message>
        <location filename="../plugin/processing/models/__init__.py" line="80"/>
        <source>Photo folder</source>
        <translation>Dossier de photos</translation>
    </message>
    <message>
        <location filename="../plugin/processing/models/__init__.py" line="81"/>
        <source>Include sub-folders</source>
        <translation>Inclure les sous-dossiers</translation>
    </message>
    <message>
        <location filename="../plugin/processing/models/__init__.py" line="82"/>
        <source>Dry run (plan and preview, send nothing)</source>
        <translation>Essai à blanc (planifier et prévisualiser, ne rien envoyer)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/models/__init__.py" line="83"/>
        <source>Maximum time gap within a sequence (seconds)</source>
        <translation>Écart de temps maximal dans une séquence (secondes)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/models/__init__.py" line="84"/>
        <source>Maximum distance gap within a sequence (meters)</source>
        <translation>Écart de distance maximal dans une séquence (mètres)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/models/__init__.py" line="86"/>
        <source>Photos twice as wide as high without GPano XMP are 360°</source>
        <translation>Les photos deux fois plus larges que hautes sans XMP GPano sont à 360°</translation>
    </message>
    <message>
        <location filename="../plugin/processing/models/__init__.py" line="88"/>
        <source>Upload report</source>
        <translation>Rapport de téléversement</translation>
    </message>
    <message>
        <location filename="../plugin/processing/models/__init__.py" line="89"/>
        <source>Planned sequences</source>
        <translation>Séquences prévues</translation>
    </message>
</context>
<context>
    <name>PhotoLoader</name>
    <message>
        <location filename="../plugin/gui/photo_loader.py" line="169"/>
        <source>The image of photo {} is not a readable JPEG.</source>
        <translation>L’image de la photo {} n’est pas un JPEG lisible.</translation>
    </message>
</context>
<context>
    <name>PhotoPlayback</name>
    <message>
        <location filename="../plugin/gui/photo_playback.py" line="27"/>
        <source>{}×</source>
        <translation>{}×</translation>
    </message>
    <message>
        <location filename="../plugin/gui/photo_playback.py" line="47"/>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
</context>
<context>
    <name>PhotoRecovery</name>
    <message>
        <location filename="../plugin/gui/photo_recovery.py" line="35"/>
        <source>The panel tries again by itself every few seconds.</source>
        <translation>Le panneau réessaie de lui-même toutes les quelques secondes.</translation>
    </message>
</context>
<context>
    <name>SampleVideoAlgorithm</name>
    <message>
        <location filename="../plugin/processing/sample_video.py" line="59"/>
        <source>Sample video frames along a GPS track</source>
        <translation>Échantillonner des images de vidéo le long d'une trace GPS</translation>
    </message>
    <message>
        <location filename="../plugin/processing/sample_video.py" line="62"/>
        <source>Turns a video (MP4, MOV; 360° equirectangular included) and the GPS track recorded with it into JPEG photos every few metres of travel, ready for &quot;Upload photos to KartaView&quot; (KartaView prefers photos to video). No frames are taken while standing still.

The video's start is its creation time (as the camera wrote it in the file) unless given; the time of a frame on the GPS clock is that start plus its time in the video, minus the camera clock's lead over the GPS. Cameras often write a local time as if it were UTC: the offset corrects that too (e.g. 7200 for a camera on UTC+2).

The GPS data some cameras record inside the video (GoPro's GPMF telemetry, Insta360's and DJI's own formats) is not read: export it as GPX first (e.g. with the camera maker's app or gopro2gpx).

</source>
        <translation>Transforme une vidéo (MP4, MOV ; 360° équirectangulaire comprise) et la trace GPS enregistrée avec elle en photos JPEG tous les quelques mètres parcourus, prêtes pour « Téléverser des photos vers KartaView » (KartaView préfère les photos à la vidéo). Aucune image n'est prise à l'arrêt.

Le début de la vidéo est son heure de création (telle que l'appareil l'a écrite dans le fichier) sauf si elle est donnée ; l'heure d'une image sur l'horloge GPS est ce début plus son temps dans la vidéo, moins l'avance de l'horloge de l'appareil sur le GPS. Les appareils écrivent souvent une heure locale comme si c'était l'UTC : le décalage corrige cela aussi (p. ex. 7200 pour un appareil en UTC+2).

Les données GPS que certains appareils enregistrent dans la vidéo (la télémétrie GPMF de GoPro, les formats propres d'Insta360 et de DJI) ne sont pas lues : exportez-les d'abord en GPX (p. ex. avec l'application du fabricant ou gopro2gpx).

</translation>
    </message>
    <message>
        <location filename="../plugin/processing/sample_video.py" line="72"/>
        <source>360° video is recognised by its spherical metadata or by its 2:1 shape (choose &quot;flat&quot; to turn that off); its frames are marked projection = SPHERE so that they are uploaded as 360° photos.

Decoding uses FFmpeg's programs ffmpeg and ffprobe, which QGIS's installers do not include: they are found on the PATH, or set in Settings ▸ Options ▸ KartaView.

</source>
        <translation>La vidéo 360° est reconnue à ses métadonnées sphériques ou à sa forme 2:1 (choisissez « plate » pour désactiver cela) ; ses images sont marquées projection = SPHERE pour être téléversées comme photos 360°.

Le décodage utilise les programmes ffmpeg et ffprobe de FFmpeg, que les installateurs de QGIS n'incluent pas : ils sont trouvés dans le PATH, ou réglés dans Préférences ▸ Options ▸ KartaView.

</translation>
    </message>
    <message>
        <location filename="../plugin/processing/sample_video.py" line="79"/>
        <source>Video file</source>
        <translation>Fichier vidéo</translation>
    </message>
    <message>
        <location filename="../plugin/processing/sample_video.py" line="79"/>
        <source>Videos (*.mp4 *.MP4 *.mov *.MOV *.m4v *.insv *.360 *.avi *.mkv);;All files (*)</source>
        <translation>Vidéos (*.mp4 *.MP4 *.mov *.MOV *.m4v *.insv *.360 *.avi *.mkv);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/sample_video.py" line="83"/>
        <source>Distance between frames (metres of travel)</source>
        <translation>Distance entre images (mètres parcourus)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/sample_video.py" line="87"/>
        <source>Start of the video, UTC on the camera clock (ISO 8601; empty: the video&apos;s creation time)</source>
        <translation>Début de la vidéo, UTC sur l'horloge de l'appareil (ISO 8601 ; vide : l'heure de création de la vidéo)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/sample_video.py" line="90"/>
        <source>Projection</source>
        <translation>Projection</translation>
    </message>
    <message>
        <location filename="../plugin/processing/sample_video.py" line="90"/>
        <source>Detect (360° metadata or 2:1 shape)</source>
        <translation>Détecter (métadonnées 360° ou forme 2:1)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/sample_video.py" line="121"/>
        <source>360° equirectangular</source>
        <translation>360° équirectangulaire</translation>
    </message>
    <message>
        <location filename="../plugin/processing/sample_video.py" line="90"/>
        <source>Flat</source>
        <translation>Plate</translation>
    </message>
    <message>
        <location filename="../plugin/processing/sample_video.py" line="94"/>
        <source>Folder for the frames</source>
        <translation>Dossier des images</translation>
    </message>
    <message>
        <location filename="../plugin/processing/sample_video.py" line="96"/>
        <source>Video frames</source>
        <translation>Images de la vidéo</translation>
    </message>
    <message>
        <location filename="../plugin/processing/sample_video.py" line="98"/>
        <source>Frames written</source>
        <translation>Images écrites</translation>
    </message>
    <message>
        <location filename="../plugin/processing/sample_video.py" line="103"/>
        <source>The video file {} does not exist.</source>
        <translation>Le fichier vidéo {} n'existe pas.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/sample_video.py" line="108"/>
        <source>FFmpeg cannot read the video {}: {}</source>
        <translation>FFmpeg ne peut pas lire la vidéo {} : {}</translation>
    </message>
    <message>
        <location filename="../plugin/processing/sample_video.py" line="111"/>
        <source>No GPS track is given for the video. The plugin does not read the GPS data cameras record inside video files (GoPro GPMF, Insta360, DJI): export it as a GPX file (e.g. with the camera maker&apos;s app or gopro2gpx) and give that as the GPS track.</source>
        <translation>Aucune trace GPS n'est donnée pour la vidéo. L'extension ne lit pas les données GPS que les appareils enregistrent dans les fichiers vidéo (GoPro GPMF, Insta360, DJI) : exportez-les en fichier GPX (p. ex. avec l'application du fabricant ou gopro2gpx) et donnez-le comme trace GPS.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/sample_video.py" line="121"/>
        <source>Video: {}×{}, {:.1f} s, {:.2f} frames/s, {}; starts at {} UTC on the GPS clock ({} UTC on the camera clock, {:+.1f} s offset).</source>
        <translation>Vidéo : {}×{}, {:.1f} s, {:.2f} images/s, {} ; commence à {} UTC sur l'horloge GPS ({} UTC sur l'horloge de l'appareil, décalage de {:+.1f} s).</translation>
    </message>
    <message>
        <location filename="../plugin/processing/sample_video.py" line="121"/>
        <source>flat</source>
        <translation>plate</translation>
    </message>
    <message>
        <location filename="../plugin/processing/sample_video.py" line="133"/>
        <source>The video ({} to {} UTC on the GPS clock) and the track ({} to {}) do not overlap in time. Check the time offset, the video&apos;s start and that the track belongs to the video.</source>
        <translation>La vidéo ({} à {} UTC sur l'horloge GPS) et la trace ({} à {}) ne se recouvrent pas dans le temps. Vérifiez le décalage horaire, le début de la vidéo et que la trace appartient à la vidéo.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/sample_video.py" line="138"/>
        <source>The track does not move during the video: no frames to take.</source>
        <translation>La trace ne bouge pas pendant la vidéo : aucune image à prendre.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/sample_video.py" line="142"/>
        <source>Decoding {} frame(s), one every {:.1f} m, into {}.</source>
        <translation>Décodage de {} image(s), une tous les {:.1f} m, dans {}.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/sample_video.py" line="151"/>
        <source>FFmpeg failed on the video {}: {}</source>
        <translation>FFmpeg a échoué sur la vidéo {} : {}</translation>
    </message>
    <message>
        <location filename="../plugin/processing/sample_video.py" line="153"/>
        <source>The frames cannot be written to {}: {}</source>
        <translation>Les images ne peuvent pas être écrites dans {} : {}</translation>
    </message>
    <message>
        <location filename="../plugin/processing/sample_video.py" line="174"/>
        <source>Wrote {} frame(s) to {}.</source>
        <translation>{} image(s) écrite(s) dans {}.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/sample_video.py" line="184"/>
        <source>The path set for {} ({}) is not a program.</source>
        <translation>Le chemin réglé pour {} ({}) n'est pas un programme.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/sample_video.py" line="187"/>
        <source>{} is not found on the PATH.</source>
        <translation>{} est introuvable dans le PATH.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/sample_video.py" line="188"/>
        <source>Reading videos needs FFmpeg's programs ffmpeg and ffprobe, which QGIS's installers do not include. Install FFmpeg ({}; on Debian or Ubuntu: sudo apt install ffmpeg; on macOS: brew install ffmpeg), then put its bin folder on the PATH or set both programs in Settings ▸ Options ▸ KartaView.</source>
        <translation>La lecture des vidéos nécessite les programmes ffmpeg et ffprobe de FFmpeg, que les installateurs de QGIS n'incluent pas. Installez FFmpeg ({} ; sous Debian ou Ubuntu : sudo apt install ffmpeg ; sous macOS : brew install ffmpeg), puis mettez son dossier bin dans le PATH ou réglez les deux programmes dans Préférences ▸ Options ▸ KartaView.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/sample_video.py" line="200"/>
        <source>The video start &apos;{}&apos; is not a date and time (e.g. 2026-05-01T10:00:00Z).</source>
        <translation>Le début de vidéo « {} » n'est pas une date et heure (p. ex. 2026-05-01T10:00:00Z).</translation>
    </message>
    <message>
        <location filename="../plugin/processing/sample_video.py" line="204"/>
        <source>The video has no creation time: give the start of the video (UTC on the camera clock).</source>
        <translation>La vidéo n'a pas d'heure de création : donnez le début de la vidéo (UTC sur l'horloge de l'appareil).</translation>
    </message>
</context>
<context>
    <name>SignInComponent</name>
    <message>
        <location filename="../plugin/gui/sign_in_dialog.py" line="167"/>
        <source>Sign in to KartaView…</source>
        <translation>Se connecter à KartaView…</translation>
    </message>
    <message>
        <location filename="../plugin/gui/sign_in_dialog.py" line="176"/>
        <source>Could not open the sign-in dialog: {}</source>
        <translation>Impossible d’ouvrir la fenêtre de connexion : {}</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../ui/sign_in_dialog.ui" line="14"/>
        <source>Sign in to KartaView</source>
        <translation>Se connecter à KartaView</translation>
    </message>
    <message>
        <location filename="../ui/sign_in_dialog.ui" line="29"/>
        <source>Sign out</source>
        <translation>Se déconnecter</translation>
    </message>
    <message>
        <location filename="../ui/sign_in_dialog.ui" line="42"/>
        <source>With OpenStreetMap</source>
        <translation>Avec OpenStreetMap</translation>
    </message>
    <message>
        <location filename="../ui/sign_in_dialog.ui" line="61"/>
        <source>1. Open the OpenStreetMap sign-in page</source>
        <translation>1. Ouvrez la page de connexion d’OpenStreetMap</translation>
    </message>
    <message>
        <location filename="../ui/sign_in_dialog.ui" line="68"/>
        <source>2. Authorize the application, then paste the code it shows:</source>
        <translation>2. Autorisez l’application, puis collez le code qu’elle affiche :</translation>
    </message>
    <message>
        <location filename="../ui/sign_in_dialog.ui" line="81"/>
        <source>OpenStreetMap application</source>
        <translation>Application OpenStreetMap</translation>
    </message>
    <message>
        <location filename="../ui/sign_in_dialog.ui" line="87"/>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <location filename="../ui/sign_in_dialog.ui" line="97"/>
        <source>Client id</source>
        <translation>Identifiant client</translation>
    </message>
    <message>
        <location filename="../ui/sign_in_dialog.ui" line="107"/>
        <source>Client secret</source>
        <translation>Secret client</translation>
    </message>
    <message>
        <location filename="../ui/sign_in_dialog.ui" line="125"/>
        <source>With an access token</source>
        <translation>Avec un jeton d’accès</translation>
    </message>
    <message>
        <location filename="../ui/sign_in_dialog.ui" line="131"/>
        <source>Access token</source>
        <translation>Jeton d’accès</translation>
    </message>
    <message>
        <location filename="../ui/sign_in_dialog.ui" line="145"/>
        <source>User name</source>
        <translation>Nom d’utilisateur</translation>
    </message>
    <message>
        <location filename="../plugin/gui/sign_in_dialog.py" line="42"/>
        <source>Sign in</source>
        <translation>Se connecter</translation>
    </message>
    <message>
        <location filename="../plugin/gui/sign_in_dialog.py" line="56"/>
        <source>(unknown user)</source>
        <translation>(utilisateur inconnu)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/sign_in_dialog.py" line="89"/>
        <source>Signed in as {}.</source>
        <translation>Connecté en tant que {}.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/sign_in_dialog.py" line="59"/>
        <source>Not signed in.</source>
        <translation>Non connecté.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/sign_in_dialog.py" line="70"/>
        <source>Enter the client id of your OpenStreetMap application first.</source>
        <translation>Saisissez d’abord l’identifiant client de votre application OpenStreetMap.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/sign_in_dialog.py" line="74"/>
        <source>Authorize the application in the browser, then paste the code here.</source>
        <translation>Autorisez l’application dans le navigateur, puis collez le code ici.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/sign_in_dialog.py" line="77"/>
        <source>Could not open the sign-in page: {}</source>
        <translation>Impossible d’ouvrir la page de connexion : {}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/sign_in_dialog.py" line="88"/>
        <source>Signed in to KartaView as {}.</source>
        <translation>Connecté à KartaView en tant que {}.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/sign_in_dialog.py" line="98"/>
        <source>Signing in failed: {}</source>
        <translation>La connexion a échoué : {}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/sign_in_dialog.py" line="106"/>
        <source>Paste your KartaView access token.</source>
        <translation>Collez votre jeton d’accès KartaView.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/sign_in_dialog.py" line="145"/>
        <source>KartaView account</source>
        <translation>Compte KartaView</translation>
    </message>
    <message>
        <location filename="../plugin/gui/sign_in_dialog.py" line="127"/>
        <source>Open the OpenStreetMap sign-in page first (step 1).</source>
        <translation>Ouvrez d’abord la page de connexion d’OpenStreetMap (étape 1).</translation>
    </message>
    <message>
        <location filename="../plugin/gui/sign_in_dialog.py" line="130"/>
        <source>Paste the code OpenStreetMap showed (step 2).</source>
        <translation>Collez le code affiché par OpenStreetMap (étape 2).</translation>
    </message>
    <message>
        <location filename="../plugin/gui/sign_in_dialog.py" line="150"/>
        <source>Signed out.</source>
        <translation>Déconnecté.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/sign_in_dialog.py" line="153"/>
        <source>Could not sign out: {}</source>
        <translation>Impossible de se déconnecter : {}</translation>
    </message>
    <message>
        <location filename="../ui/sign_in_dialog.ui" line="48"/>
        <source>This needs an OpenStreetMap OAuth 2 application of your own: on openstreetmap.org, My Settings ▸ OAuth 2 applications ▸ Register new application, with the redirect URI urn:ietf:wg:oauth:2.0:oob and the permission &quot;Read user preferences&quot;. Enter its client id below (and its client secret, unless you registered it as a public application). Without one, use the &quot;With an access token&quot; tab.</source>
        <translation>Il faut pour cela votre propre application OAuth 2 OpenStreetMap : sur openstreetmap.org, Mes paramètres ▸ Applications OAuth 2 ▸ Enregistrer une nouvelle application, avec l’URI de redirection urn:ietf:wg:oauth:2.0:oob et la permission « Lire les préférences de l’utilisateur ». Saisissez son identifiant client ci-dessous (et son secret client, sauf si vous l’avez enregistrée comme application publique). Sans application, utilisez l’onglet « Avec un jeton d’accès ».</translation>
    </message>
    <message>
        <location filename="../ui/sign_in_dialog.ui" line="152"/>
        <source>Optional: only when KartaView does not tell it</source>
        <translation>Facultatif : seulement si KartaView ne le donne pas</translation>
    </message>
    <message>
        <location filename="../plugin/gui/sign_in_dialog.py" line="114"/>
        <source>KartaView did not accept this access token. Copy it again, whole, or sign in with OpenStreetMap.</source>
        <translation>KartaView n’a pas accepté ce jeton d’accès. Copiez-le à nouveau, en entier, ou connectez-vous avec OpenStreetMap.</translation>
    </message>
</context>
<context>
    <name>SubsetFilter</name>
    <message>
        <location filename="../plugin/provider/subset.py" line="42"/>
        <source>no field named {}; the fields are {}</source>
        <translation>aucun champ nommé {} ; les champs sont {}</translation>
    </message>
</context>
<context>
    <name>UploadMessages</name>
    <message>
        <location filename="../plugin/processing/upload_messages.py" line="16"/>
        <source>The upload journal {path} is empty (0 bytes): its record of the photos already uploaded is lost. Nothing was uploaded, so that no photo is uploaded twice. Restore the file from a backup if you have one. Otherwise move it aside and run again: a new journal is started, and photos uploaded before may be stored on KartaView a second time.</source>
        <translation>Le journal d’envoi {path} est vide (0 octet) : la trace des photos déjà envoyées est perdue. Rien n’a été envoyé, pour qu’aucune photo ne soit envoyée deux fois. Restaurez le fichier depuis une sauvegarde si vous en avez une. Sinon, déplacez-le ailleurs et relancez : un nouveau journal est créé, et des photos envoyées auparavant pourraient être enregistrées une seconde fois sur KartaView.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_messages.py" line="21"/>
        <source>The upload journal {path} is damaged ({detail}). Nothing was uploaded, so that no photo is uploaded twice. Restore the file from a backup if you have one. Otherwise move it aside and run again: a new journal is started, and photos uploaded before may be stored on KartaView a second time.</source>
        <translation>Le journal d’envoi {path} est endommagé ({detail}). Rien n’a été envoyé, pour qu’aucune photo ne soit envoyée deux fois. Restaurez le fichier depuis une sauvegarde si vous en avez une. Sinon, déplacez-le ailleurs et relancez : un nouveau journal est créé, et des photos envoyées auparavant pourraient être enregistrées une seconde fois sur KartaView.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_messages.py" line="25"/>
        <source>The upload journal {path} cannot be written ({detail}). Make the file and its folder writable, or set the environment variable KARTAVIEW_UPLOAD_JOURNAL to a file in a writable folder, then run again.</source>
        <translation>Le journal d’envoi {path} ne peut pas être écrit ({detail}). Rendez le fichier et son dossier accessibles en écriture, ou faites pointer la variable d’environnement KARTAVIEW_UPLOAD_JOURNAL vers un fichier d’un dossier accessible en écriture, puis relancez.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_messages.py" line="29"/>
        <source>The disk of the upload journal {path} is full ({detail}). Free some space, then run the algorithm again on the same photos: it continues where this run stopped.</source>
        <translation>Le disque du journal d’envoi {path} est plein ({detail}). Libérez de la place, puis relancez l’algorithme sur les mêmes photos : il reprend là où cette exécution s’est arrêtée.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_messages.py" line="32"/>
        <source>The upload journal {path} is locked by another program ({detail}). Close it, then run again.</source>
        <translation>Le journal d’envoi {path} est verrouillé par un autre programme ({detail}). Fermez-le, puis relancez.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_messages.py" line="34"/>
        <source>The upload journal {path} was written by a newer version of the plugin. Update the plugin.</source>
        <translation>Le journal d’envoi {path} a été écrit par une version plus récente de l’extension. Mettez l’extension à jour.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_messages.py" line="37"/>
        <source>The upload journal {path} could not be used ({detail}).</source>
        <translation>Le journal d’envoi {path} n’a pas pu être utilisé ({detail}).</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_messages.py" line="43"/>
        <source>{} photo(s) of sequence {} are being uploaded by another run started at {} (process {} on {}); waiting for it, so that no photo is uploaded twice.</source>
        <translation>{} photo(s) de la séquence {} sont en cours d’envoi par une autre exécution lancée à {} (processus {} sur {}) ; attente de celle-ci, pour qu’aucune photo ne soit envoyée deux fois.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_messages.py" line="47"/>
        <source>Sequence {} ({}) is not finished: {}. Run the algorithm again on the same photos to complete it.</source>
        <translation>La séquence {} ({}) n’est pas terminée : {}. Relancez l’algorithme sur les mêmes photos pour la compléter.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_messages.py" line="50"/>
        <source>Created sequence {} on KartaView: {}</source>
        <translation>Séquence {} créée sur KartaView : {}</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_messages.py" line="51"/>
        <source>Created sequence {} on KartaView: {} (an earlier run was interrupted while creating it and may have left an empty sequence)</source>
        <translation>Séquence {} créée sur KartaView : {} (une exécution précédente a été interrompue pendant sa création et a peut-être laissé une séquence vide)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_messages.py" line="54"/>
        <source>Finished sequence {}: {}</source>
        <translation>Séquence {} terminée : {}</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_messages.py" line="60"/>
        <source>No photo file is given.</source>
        <translation>Aucun fichier photo n’est indiqué.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_messages.py" line="61"/>
        <source>The photo file does not exist or cannot be read ({}).</source>
        <translation>Le fichier photo n’existe pas ou ne peut pas être lu ({}).</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_messages.py" line="62"/>
        <source>Not a JPEG file ({}).</source>
        <translation>Ce n’est pas un fichier JPEG ({}).</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_messages.py" line="63"/>
        <source>Corrupt JPEG file: {}.</source>
        <translation>Fichier JPEG corrompu : {}.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_messages.py" line="64"/>
        <source>The file is larger than KartaView&apos;s limit of 20 MB ({}).</source>
        <translation>Le fichier dépasse la limite de 20 Mo de KartaView ({}).</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_messages.py" line="65"/>
        <source>No position: the geometry is empty or at 0,0.</source>
        <translation>Pas de position : la géométrie est vide ou située en 0,0.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_messages.py" line="66"/>
        <source>No capture time in the field &apos;{}&apos;.</source>
        <translation>Pas de date de prise de vue dans le champ « {} ».</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_messages.py" line="67"/>
        <source>The same file is selected twice (also feature {}).</source>
        <translation>Le même fichier est sélectionné deux fois (aussi l’entité {}).</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_messages.py" line="68"/>
        <source>A copy of the photo of feature {} (the same file contents).</source>
        <translation>Une copie de la photo de l’entité {} (même contenu de fichier).</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_messages.py" line="69"/>
        <source>Near-duplicate of feature {} (within 0.5 m and 5°); keep near-duplicates to upload it.</source>
        <translation>Quasi-doublon de l’entité {} (à moins de 0,5 m et 5°) ; conservez les quasi-doublons pour la téléverser.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_messages.py" line="71"/>
        <source>Uploaded by an earlier run.</source>
        <translation>Téléversée lors d’une exécution précédente.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_messages.py" line="72"/>
        <source>Uploaded by another run at the same time.</source>
        <translation>Envoyée par une autre exécution au même moment.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_messages.py" line="73"/>
        <source>Not sent: the upload journal could not be written ({}). Run the algorithm again once that is fixed.</source>
        <translation>Non envoyée : le journal d’envoi n’a pas pu être écrit ({}). Relancez l’algorithme une fois le problème corrigé.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_messages.py" line="75"/>
        <source>On KartaView, but the upload journal could not record it ({}); a later run sends it again and KartaView answers it is a duplicate.</source>
        <translation>Sur KartaView, mais le journal d’envoi n’a pas pu l’enregistrer ({}) ; une exécution ultérieure la renvoie et KartaView répond qu’elle est en double.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_messages.py" line="78"/>
        <source>KartaView already had this photo.</source>
        <translation>KartaView avait déjà cette photo.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_messages.py" line="79"/>
        <source>KartaView did not accept the access token: sign in again.</source>
        <translation>KartaView n’a pas accepté le jeton d’accès : reconnectez-vous.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_messages.py" line="80"/>
        <source>KartaView rejected the photo: {}</source>
        <translation>KartaView a refusé la photo : {}</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_messages.py" line="81"/>
        <source>Not confirmed after several attempts ({}). Run the algorithm again to retry.</source>
        <translation>Non confirmée après plusieurs tentatives ({}). Relancez l’algorithme pour réessayer.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_messages.py" line="83"/>
        <source>The file could not be read ({}). Run the algorithm again once it is back.</source>
        <translation>Le fichier n’a pas pu être lu ({}). Relancez l’algorithme quand il sera de nouveau disponible.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_messages.py" line="85"/>
        <source>Its sequence could not be created ({}). Run the algorithm again to retry.</source>
        <translation>Sa séquence n’a pas pu être créée ({}). Relancez l’algorithme pour réessayer.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_messages.py" line="87"/>
        <source>Cancelled before KartaView confirmed it. Run the algorithm again to continue.</source>
        <translation>Annulé avant que KartaView ne l’ait confirmée. Relancez l’algorithme pour continuer.</translation>
    </message>
</context>
<context>
    <name>UploadPhotosAlgorithm</name>
    <message>
        <location filename="../plugin/processing/upload_photos.py" line="92"/>
        <source>Upload photos to KartaView</source>
        <translation>Téléverser des photos vers KartaView</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_photos.py" line="124"/>
        <source>Photos (point layer)</source>
        <translation>Photos (couche de points)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_photos.py" line="128"/>
        <source>Photo file field</source>
        <translation>Champ du fichier photo</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_photos.py" line="131"/>
        <source>Capture time field</source>
        <translation>Champ de la date de prise de vue</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_photos.py" line="133"/>
        <source>Heading field</source>
        <translation>Champ de l’orientation</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_photos.py" line="136"/>
        <source>Grouping field (one sequence per value)</source>
        <translation>Champ de regroupement (une séquence par valeur)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_photos.py" line="144"/>
        <source>Maximum time gap within a sequence (seconds)</source>
        <translation>Écart de temps maximal dans une séquence (secondes)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_photos.py" line="148"/>
        <source>Maximum distance gap within a sequence (meters)</source>
        <translation>Écart de distance maximal dans une séquence (mètres)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_photos.py" line="152"/>
        <source>Maximum photos per sequence</source>
        <translation>Nombre maximal de photos par séquence</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_photos.py" line="155"/>
        <source>Keep near-duplicate photos</source>
        <translation>Conserver les photos quasi en double</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_photos.py" line="157"/>
        <source>Dry run (check and plan, send nothing)</source>
        <translation>Essai à blanc (vérifier et planifier, sans rien envoyer)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_photos.py" line="161"/>
        <source>Parallel uploads</source>
        <translation>Téléversements simultanés</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_photos.py" line="168"/>
        <source>KartaView account (authentication configuration)</source>
        <translation>Compte KartaView (configuration d’authentification)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_photos.py" line="360"/>
        <source>Upload report</source>
        <translation>Rapport de téléversement</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_photos.py" line="176"/>
        <source>Photos uploaded</source>
        <translation>Photos téléversées</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_photos.py" line="176"/>
        <source>Photos already uploaded</source>
        <translation>Photos déjà téléversées</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_photos.py" line="176"/>
        <source>Photos skipped</source>
        <translation>Photos ignorées</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_photos.py" line="176"/>
        <source>Photos failed</source>
        <translation>Photos en échec</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_photos.py" line="176"/>
        <source>Sequences</source>
        <translation>Séquences</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_photos.py" line="190"/>
        <source>There are no photos to upload: the layer is empty or no feature is selected.</source>
        <translation>Aucune photo à téléverser : la couche est vide ou aucune entité n’est sélectionnée.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_photos.py" line="198"/>
        <source>Not signed in to KartaView. Sign in (Web ▸ KartaView ▸ Sign in), choose an authentication configuration, or set the environment variable KARTAVIEW_ACCESS_TOKEN.</source>
        <translation>Non connecté à KartaView. Connectez-vous (Internet ▸ KartaView ▸ Se connecter), choisissez une configuration d’authentification ou définissez la variable d’environnement KARTAVIEW_ACCESS_TOKEN.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_photos.py" line="217"/>
        <source>To upload: {} photo(s) in {} sequence(s). Skipped: {}.</source>
        <translation>À téléverser : {} photo(s) en {} séquence(s). Ignorées : {}.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_photos.py" line="283"/>
        <source>The input layer has no field &apos;{}&apos;.</source>
        <translation>La couche en entrée n’a pas de champ « {} ».</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_photos.py" line="297"/>
        <source>Dry run: would be photo {} of new sequence {}.</source>
        <translation>Essai à blanc : serait la photo {} de la nouvelle séquence {}.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_photos.py" line="323"/>
        <source>KartaView did not accept the access token. Sign in again to KartaView, then run the algorithm again.</source>
        <translation>KartaView n’a pas accepté le jeton d’accès. Reconnectez-vous à KartaView, puis relancez l’algorithme.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_photos.py" line="334"/>
        <source>Photos that could not be uploaded: {}. See the report for the reasons and run the algorithm again on the same photos to retry.</source>
        <translation>Photos qui n’ont pas pu être téléversées : {}. Consultez le rapport pour connaître les raisons et relancez l’algorithme sur les mêmes photos pour réessayer.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_photos.py" line="326"/>
        <source>The upload stopped: {} The report lists each photo&apos;s state; the journal {} keeps what KartaView confirmed before.</source>
        <translation>L’envoi s’est arrêté : {} Le rapport donne l’état de chaque photo ; le journal {} garde ce que KartaView avait confirmé auparavant.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_photos.py" line="95"/>
        <source>Uploads a point layer of geotagged photos (e.g. the output of &quot;Import geotagged photos&quot;) to KartaView. With &quot;Selected features only&quot; just the selection is uploaded.

Photos are ordered by capture time and split into sequences by the grouping field if given, else wherever consecutive photos are more than the maximum gap in time or distance apart, with at most the maximum number of photos per sequence. Consecutive photos within 0.5 m and 5° of each other are skipped as near-duplicates unless kept.

Every photo is recorded in an upload journal in the QGIS profile folder, so running the same input again after a failure, a cancel or a crash resumes the same sequences: nothing is sent twice once KartaView has confirmed it, and a sequence is finished only when all of its photos are confirmed.

Sign in first (Web ▸ KartaView ▸ Sign in), choose an authentication configuration, or, for headless runs, set the environment variable KARTAVIEW_ACCESS_TOKEN.

360° photos are uploaded as panoramas (projection SPHERE, field of view 360 and the yaw of GPano:PoseHeadingDegrees), so that KartaView shows them as 360°: a photo is 360° when its XMP says GPano:ProjectionType equirectangular, or, when it has no GPano projection, when it is exactly twice as wide as high (turn that guess off if you have flat 2:1 photos). A 'projection' field in the input (PLANE or SPHERE; other values are ignored) overrides both. 360° and flat photos go in separate sequences.

The report has one row per input photo with its status: uploaded, already uploaded, skipped (bad input or near-duplicate; the reason says which), failed (re-run to retry), or in a dry run 'would upload', and its projection.

Planned sequences: a line per sequence through its photos, with its photo count, 360° photos, length, time span and, once created, its KartaView id. Loaded into the project, the lines and the report's points are coloured by sequence (skipped photos by reason): run with &quot;Dry run&quot; to see the splits on the map and change the gaps before sending.</source>
        <translation>Téléverse vers KartaView une couche de points de photos géolocalisées (par exemple le résultat de « Importer des photos géolocalisées »). Avec « Entités sélectionnées uniquement », seule la sélection est téléversée.

Les photos sont triées par date de prise de vue et réparties en séquences selon le champ de regroupement s’il est indiqué, sinon partout où deux photos consécutives sont séparées de plus que l’écart maximal en temps ou en distance, avec au plus le nombre maximal de photos par séquence. Les photos consécutives distantes de moins de 0,5 m et 5° sont ignorées comme quasi-doublons, sauf si vous choisissez de les conserver.

Chaque photo est inscrite dans un journal de téléversement situé dans le dossier du profil QGIS : relancer le même jeu de données après un échec, une annulation ou un plantage reprend les mêmes séquences. Rien n’est envoyé deux fois une fois que KartaView l’a confirmé, et une séquence n’est terminée que lorsque toutes ses photos sont confirmées.

Connectez-vous d’abord (Internet ▸ KartaView ▸ Se connecter), choisissez une configuration d’authentification ou, pour une exécution sans interface, définissez la variable d’environnement KARTAVIEW_ACCESS_TOKEN.

Les photos à 360° sont téléversées comme panoramas (projection SPHERE, champ de vision 360 et le lacet de GPano:PoseHeadingDegrees), pour que KartaView les affiche à 360° : une photo est à 360° quand son XMP indique GPano:ProjectionType equirectangular ou, sans projection GPano, quand elle est exactement deux fois plus large que haute (désactivez cette supposition si vous avez des photos plates au format 2:1). Un champ « projection » en entrée (PLANE ou SPHERE ; les autres valeurs sont ignorées) prime sur les deux. Les photos à 360° et les photos plates vont dans des séquences distinctes.

Le rapport contient une ligne par photo en entrée avec son état : téléversée, déjà téléversée, ignorée (donnée invalide ou quasi-doublon ; la raison le précise), en échec (relancer pour réessayer) ou, lors d’un essai à blanc, « serait téléversée », et sa projection.

Séquences prévues : une ligne par séquence passant par ses photos, avec son nombre de photos, ses photos à 360°, sa longueur, sa durée et, une fois créée, son identifiant KartaView. Chargées dans le projet, les lignes et les points du rapport sont colorés par séquence (les photos ignorées selon la raison) : lancez un « essai à blanc » pour voir le découpage sur la carte et modifier les écarts avant l’envoi.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_photos.py" line="142"/>
        <source>Photos twice as wide as high without GPano XMP are 360°</source>
        <translation>Les photos deux fois plus larges que hautes sans XMP GPano sont à 360°</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_photos.py" line="262"/>
        <source>Planned sequences</source>
        <translation>Séquences prévues</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_photos.py" line="176"/>
        <source>Photos sent (or to send) as 360°</source>
        <translation>Photos envoyées (ou à envoyer) à 360°</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_photos.py" line="245"/>
        <source>360° panoramas (sent as SPHERE): {} photo(s); from GPano XMP: {}, from the 2:1 shape: {}, from the projection field: {}. The report's 'projection' field says which.</source>
        <translation>Panoramas à 360° (envoyés en SPHERE) : {} photo(s) ; d’après le XMP GPano : {}, d’après la forme 2:1 : {}, d’après le champ de projection : {}. Le champ « projection » du rapport indique lesquelles.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_photos.py" line="139"/>
        <source>Projection field: PLANE or SPHERE, overriding what the photo says</source>
        <translation>Champ de projection : PLANE ou SPHERE, prioritaire sur ce que dit la photo</translation>
    </message>
</context>
</TS>
