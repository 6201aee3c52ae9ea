<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis styleCategories="AllStyleCategories" minScale="100000000" simplifyDrawingHints="1" symbologyReferenceScale="-1" simplifyDrawingTol="1" labelsEnabled="0" version="3.22.16-Białowieża" hasScaleBasedVisibilityFlag="0" simplifyMaxScale="1" simplifyAlgorithm="0" readOnly="0" maxScale="0" simplifyLocal="1">
  <flags>
    <Identifiable>1</Identifiable>
    <Removable>1</Removable>
    <Searchable>1</Searchable>
    <Private>0</Private>
  </flags>
  <temporal endExpression="" fixedDuration="0" durationUnit="min" limitMode="0" enabled="0" startExpression="" durationField="" accumulate="0" endField="" startField="" mode="0">
    <fixedRange>
      <start></start>
      <end></end>
    </fixedRange>
  </temporal>
  <renderer-v2 enableorderby="0" symbollevels="0" type="RuleRenderer" forceraster="0" referencescale="-1">
    <rules key="{0e400071-aad1-4271-8ef9-af179c622a23}">
      <rule key="{e353e168-10fb-40cf-8577-ba22e630c647}" symbol="0" scalemindenom="5000" label="Photo"/>
      <rule key="{dda95dcf-1ba6-4af0-8b28-70d149b7f40e}" symbol="1" label="Photo and its heading (zoomed in)" scalemaxdenom="5000" filter="&quot;heading&quot; IS NOT NULL AND NOT &quot;is_360&quot;"/>
      <rule key="{fb2710f4-9829-4853-a907-58cd8f33fc91}" symbol="2" label="360° photo or no heading (zoomed in)" scalemaxdenom="5000" filter="&quot;is_360&quot; OR &quot;heading&quot; IS NULL"/>
    </rules>
    <symbols>
      <symbol alpha="1" force_rhr="0" type="marker" name="0" clip_to_extent="1">
        <data_defined_properties>
          <Option type="Map">
            <Option value="" type="QString" name="name"/>
            <Option name="properties"/>
            <Option value="collection" type="QString" name="type"/>
          </Option>
        </data_defined_properties>
        <layer locked="0" pass="0" enabled="1" class="SimpleMarker">
          <Option type="Map">
            <Option value="0" type="QString" name="angle"/>
            <Option value="square" type="QString" name="cap_style"/>
            <Option value="43,131,186,255" type="QString" name="color"/>
            <Option value="1" type="QString" name="horizontal_anchor_point"/>
            <Option value="bevel" type="QString" name="joinstyle"/>
            <Option value="circle" type="QString" name="name"/>
            <Option value="0,0" type="QString" name="offset"/>
            <Option value="3x:0,0,0,0,0,0" type="QString" name="offset_map_unit_scale"/>
            <Option value="MM" type="QString" name="offset_unit"/>
            <Option value="255,255,255,255" type="QString" name="outline_color"/>
            <Option value="solid" type="QString" name="outline_style"/>
            <Option value="0.2" type="QString" name="outline_width"/>
            <Option value="3x:0,0,0,0,0,0" type="QString" name="outline_width_map_unit_scale"/>
            <Option value="MM" type="QString" name="outline_width_unit"/>
            <Option value="diameter" type="QString" name="scale_method"/>
            <Option value="1.4" type="QString" name="size"/>
            <Option value="3x:0,0,0,0,0,0" type="QString" name="size_map_unit_scale"/>
            <Option value="MM" type="QString" name="size_unit"/>
            <Option value="1" type="QString" name="vertical_anchor_point"/>
          </Option>
          <prop k="angle" v="0"/>
          <prop k="cap_style" v="square"/>
          <prop k="color" v="43,131,186,255"/>
          <prop k="horizontal_anchor_point" v="1"/>
          <prop k="joinstyle" v="bevel"/>
          <prop k="name" v="circle"/>
          <prop k="offset" v="0,0"/>
          <prop k="offset_map_unit_scale" v="3x:0,0,0,0,0,0"/>
          <prop k="offset_unit" v="MM"/>
          <prop k="outline_color" v="255,255,255,255"/>
          <prop k="outline_style" v="solid"/>
          <prop k="outline_width" v="0.2"/>
          <prop k="outline_width_map_unit_scale" v="3x:0,0,0,0,0,0"/>
          <prop k="outline_width_unit" v="MM"/>
          <prop k="scale_method" v="diameter"/>
          <prop k="size" v="1.4"/>
          <prop k="size_map_unit_scale" v="3x:0,0,0,0,0,0"/>
          <prop k="size_unit" v="MM"/>
          <prop k="vertical_anchor_point" v="1"/>
          <data_defined_properties>
            <Option type="Map">
              <Option value="" type="QString" name="name"/>
              <Option name="properties"/>
              <Option value="collection" type="QString" name="type"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
      <symbol alpha="1" force_rhr="0" type="marker" name="1" clip_to_extent="1">
        <data_defined_properties>
          <Option type="Map">
            <Option value="" type="QString" name="name"/>
            <Option name="properties"/>
            <Option value="collection" type="QString" name="type"/>
          </Option>
        </data_defined_properties>
        <layer locked="0" pass="0" enabled="1" class="SimpleMarker">
          <Option type="Map">
            <Option value="0" type="QString" name="angle"/>
            <Option value="square" type="QString" name="cap_style"/>
            <Option value="43,131,186,255" type="QString" name="color"/>
            <Option value="1" type="QString" name="horizontal_anchor_point"/>
            <Option value="bevel" type="QString" name="joinstyle"/>
            <Option value="arrowhead" type="QString" name="name"/>
            <Option value="0,0" type="QString" name="offset"/>
            <Option value="3x:0,0,0,0,0,0" type="QString" name="offset_map_unit_scale"/>
            <Option value="MM" type="QString" name="offset_unit"/>
            <Option value="43,131,186,255" type="QString" name="outline_color"/>
            <Option value="solid" type="QString" name="outline_style"/>
            <Option value="0.4" type="QString" name="outline_width"/>
            <Option value="3x:0,0,0,0,0,0" type="QString" name="outline_width_map_unit_scale"/>
            <Option value="MM" type="QString" name="outline_width_unit"/>
            <Option value="diameter" type="QString" name="scale_method"/>
            <Option value="3" type="QString" name="size"/>
            <Option value="3x:0,0,0,0,0,0" type="QString" name="size_map_unit_scale"/>
            <Option value="MM" type="QString" name="size_unit"/>
            <Option value="1" type="QString" name="vertical_anchor_point"/>
          </Option>
          <prop k="angle" v="0"/>
          <prop k="cap_style" v="square"/>
          <prop k="color" v="43,131,186,255"/>
          <prop k="horizontal_anchor_point" v="1"/>
          <prop k="joinstyle" v="bevel"/>
          <prop k="name" v="arrowhead"/>
          <prop k="offset" v="0,0"/>
          <prop k="offset_map_unit_scale" v="3x:0,0,0,0,0,0"/>
          <prop k="offset_unit" v="MM"/>
          <prop k="outline_color" v="43,131,186,255"/>
          <prop k="outline_style" v="solid"/>
          <prop k="outline_width" v="0.4"/>
          <prop k="outline_width_map_unit_scale" v="3x:0,0,0,0,0,0"/>
          <prop k="outline_width_unit" v="MM"/>
          <prop k="scale_method" v="diameter"/>
          <prop k="size" v="3"/>
          <prop k="size_map_unit_scale" v="3x:0,0,0,0,0,0"/>
          <prop k="size_unit" v="MM"/>
          <prop k="vertical_anchor_point" v="1"/>
          <data_defined_properties>
            <Option type="Map">
              <Option value="" type="QString" name="name"/>
              <Option type="Map" name="properties">
                <Option type="Map" name="angle">
                  <Option value="true" type="bool" name="active"/>
                  <Option value="coalesce(&quot;heading&quot;, 0)" type="QString" name="expression"/>
                  <Option value="3" type="int" name="type"/>
                </Option>
              </Option>
              <Option value="collection" type="QString" name="type"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
      <symbol alpha="1" force_rhr="0" type="marker" name="2" clip_to_extent="1">
        <data_defined_properties>
          <Option type="Map">
            <Option value="" type="QString" name="name"/>
            <Option name="properties"/>
            <Option value="collection" type="QString" name="type"/>
          </Option>
        </data_defined_properties>
        <layer locked="0" pass="0" enabled="1" class="SimpleMarker">
          <Option type="Map">
            <Option value="0" type="QString" name="angle"/>
            <Option value="square" type="QString" name="cap_style"/>
            <Option value="131,186,128,43" type="QString" name="color"/>
            <Option value="1" type="QString" name="horizontal_anchor_point"/>
            <Option value="bevel" type="QString" name="joinstyle"/>
            <Option value="circle" type="QString" name="name"/>
            <Option value="0,0" type="QString" name="offset"/>
            <Option value="3x:0,0,0,0,0,0" type="QString" name="offset_map_unit_scale"/>
            <Option value="MM" type="QString" name="offset_unit"/>
            <Option value="8,81,156,255" type="QString" name="outline_color"/>
            <Option value="solid" type="QString" name="outline_style"/>
            <Option value="0" type="QString" name="outline_width"/>
            <Option value="3x:0,0,0,0,0,0" type="QString" name="outline_width_map_unit_scale"/>
            <Option value="MM" type="QString" name="outline_width_unit"/>
            <Option value="diameter" type="QString" name="scale_method"/>
            <Option value="3.2" type="QString" name="size"/>
            <Option value="3x:0,0,0,0,0,0" type="QString" name="size_map_unit_scale"/>
            <Option value="MM" type="QString" name="size_unit"/>
            <Option value="1" type="QString" name="vertical_anchor_point"/>
          </Option>
          <prop k="angle" v="0"/>
          <prop k="cap_style" v="square"/>
          <prop k="color" v="131,186,128,43"/>
          <prop k="horizontal_anchor_point" v="1"/>
          <prop k="joinstyle" v="bevel"/>
          <prop k="name" v="circle"/>
          <prop k="offset" v="0,0"/>
          <prop k="offset_map_unit_scale" v="3x:0,0,0,0,0,0"/>
          <prop k="offset_unit" v="MM"/>
          <prop k="outline_color" v="8,81,156,255"/>
          <prop k="outline_style" v="solid"/>
          <prop k="outline_width" v="0"/>
          <prop k="outline_width_map_unit_scale" v="3x:0,0,0,0,0,0"/>
          <prop k="outline_width_unit" v="MM"/>
          <prop k="scale_method" v="diameter"/>
          <prop k="size" v="3.2"/>
          <prop k="size_map_unit_scale" v="3x:0,0,0,0,0,0"/>
          <prop k="size_unit" v="MM"/>
          <prop k="vertical_anchor_point" v="1"/>
          <data_defined_properties>
            <Option type="Map">
              <Option value="" type="QString" name="name"/>
              <Option name="properties"/>
              <Option value="collection" type="QString" name="type"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
    </symbols>
  </renderer-v2>
  <customproperties>
    <Option/>
  </customproperties>
  <blendMode>0</blendMode>
  <featureBlendMode>0</featureBlendMode>
  <layerOpacity>1</layerOpacity>
  <geometryOptions geometryPrecision="0" removeDuplicateNodes="0">
    <activeChecks type="StringList">
      <Option value="" type="QString"/>
    </activeChecks>
    <checkConfiguration/>
  </geometryOptions>
  <legend showLabelLegend="0" type="default-vector"/>
  <referencedLayers/>
  <fieldConfiguration>
    <field configurationFlags="None" name="photo_id">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field configurationFlags="None" name="sequence_id">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field configurationFlags="None" name="sequence_index">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field configurationFlags="None" name="heading">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field configurationFlags="None" name="shot_date">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field configurationFlags="None" name="date_added">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field configurationFlags="None" name="gps_accuracy">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field configurationFlags="None" name="projection">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field configurationFlags="None" name="is_360">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field configurationFlags="None" name="username">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field configurationFlags="None" name="thumbnail_url">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field configurationFlags="None" name="image_url">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field configurationFlags="None" name="full_image_url">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field configurationFlags="None" name="url">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
  </fieldConfiguration>
  <aliases>
    <alias field="photo_id" index="0" name=""/>
    <alias field="sequence_id" index="1" name=""/>
    <alias field="sequence_index" index="2" name=""/>
    <alias field="heading" index="3" name=""/>
    <alias field="shot_date" index="4" name=""/>
    <alias field="date_added" index="5" name=""/>
    <alias field="gps_accuracy" index="6" name=""/>
    <alias field="projection" index="7" name=""/>
    <alias field="is_360" index="8" name=""/>
    <alias field="username" index="9" name=""/>
    <alias field="thumbnail_url" index="10" name=""/>
    <alias field="image_url" index="11" name=""/>
    <alias field="full_image_url" index="12" name=""/>
    <alias field="url" index="13" name=""/>
  </aliases>
  <defaults>
    <default expression="" field="photo_id" applyOnUpdate="0"/>
    <default expression="" field="sequence_id" applyOnUpdate="0"/>
    <default expression="" field="sequence_index" applyOnUpdate="0"/>
    <default expression="" field="heading" applyOnUpdate="0"/>
    <default expression="" field="shot_date" applyOnUpdate="0"/>
    <default expression="" field="date_added" applyOnUpdate="0"/>
    <default expression="" field="gps_accuracy" applyOnUpdate="0"/>
    <default expression="" field="projection" applyOnUpdate="0"/>
    <default expression="" field="is_360" applyOnUpdate="0"/>
    <default expression="" field="username" applyOnUpdate="0"/>
    <default expression="" field="thumbnail_url" applyOnUpdate="0"/>
    <default expression="" field="image_url" applyOnUpdate="0"/>
    <default expression="" field="full_image_url" applyOnUpdate="0"/>
    <default expression="" field="url" applyOnUpdate="0"/>
  </defaults>
  <constraints>
    <constraint field="photo_id" exp_strength="0" unique_strength="0" notnull_strength="0" constraints="0"/>
    <constraint field="sequence_id" exp_strength="0" unique_strength="0" notnull_strength="0" constraints="0"/>
    <constraint field="sequence_index" exp_strength="0" unique_strength="0" notnull_strength="0" constraints="0"/>
    <constraint field="heading" exp_strength="0" unique_strength="0" notnull_strength="0" constraints="0"/>
    <constraint field="shot_date" exp_strength="0" unique_strength="0" notnull_strength="0" constraints="0"/>
    <constraint field="date_added" exp_strength="0" unique_strength="0" notnull_strength="0" constraints="0"/>
    <constraint field="gps_accuracy" exp_strength="0" unique_strength="0" notnull_strength="0" constraints="0"/>
    <constraint field="projection" exp_strength="0" unique_strength="0" notnull_strength="0" constraints="0"/>
    <constraint field="is_360" exp_strength="0" unique_strength="0" notnull_strength="0" constraints="0"/>
    <constraint field="username" exp_strength="0" unique_strength="0" notnull_strength="0" constraints="0"/>
    <constraint field="thumbnail_url" exp_strength="0" unique_strength="0" notnull_strength="0" constraints="0"/>
    <constraint field="image_url" exp_strength="0" unique_strength="0" notnull_strength="0" constraints="0"/>
    <constraint field="full_image_url" exp_strength="0" unique_strength="0" notnull_strength="0" constraints="0"/>
    <constraint field="url" exp_strength="0" unique_strength="0" notnull_strength="0" constraints="0"/>
  </constraints>
  <constraintExpressions>
    <constraint field="photo_id" desc="" exp=""/>
    <constraint field="sequence_id" desc="" exp=""/>
    <constraint field="sequence_index" desc="" exp=""/>
    <constraint field="heading" desc="" exp=""/>
    <constraint field="shot_date" desc="" exp=""/>
    <constraint field="date_added" desc="" exp=""/>
    <constraint field="gps_accuracy" desc="" exp=""/>
    <constraint field="projection" desc="" exp=""/>
    <constraint field="is_360" desc="" exp=""/>
    <constraint field="username" desc="" exp=""/>
    <constraint field="thumbnail_url" desc="" exp=""/>
    <constraint field="image_url" desc="" exp=""/>
    <constraint field="full_image_url" desc="" exp=""/>
    <constraint field="url" desc="" exp=""/>
  </constraintExpressions>
  <expressionfields/>
  <attributeactions/>
  <attributetableconfig sortExpression="" sortOrder="0" actionWidgetStyle="dropDown">
    <columns/>
  </attributetableconfig>
  <conditionalstyles>
    <rowstyles/>
    <fieldstyles/>
  </conditionalstyles>
  <storedexpressions/>
  <editform tolerant="1"></editform>
  <editforminit/>
  <editforminitcodesource>0</editforminitcodesource>
  <editforminitfilepath></editforminitfilepath>
  <editforminitcode><![CDATA[]]></editforminitcode>
  <featformsuppress>0</featformsuppress>
  <editorlayout>generatedlayout</editorlayout>
  <editable/>
  <labelOnTop/>
  <reuseLastValue/>
  <dataDefinedFieldProperties/>
  <widgets/>
  <previewExpression>'Photo ' || "sequence_index" || ' of ' || "sequence_id"</previewExpression>
  <mapTip>&lt;div style="max-width:260px"&gt;&lt;b&gt;Photo [% replace(coalesce(to_string("sequence_index"), ''), array('&amp;', '&lt;', '&gt;', '"', ''''), array('&amp;amp;', '&amp;lt;', '&amp;gt;', '&amp;quot;', '&amp;#39;')) %] of sequence [% replace(coalesce(to_string("sequence_id"), ''), array('&amp;', '&lt;', '&gt;', '"', ''''), array('&amp;amp;', '&amp;lt;', '&amp;gt;', '&amp;quot;', '&amp;#39;')) %]&lt;/b&gt;&lt;br&gt;[% format_date("shot_date", 'yyyy-MM-dd HH:mm') %][% if("is_360", ' · 360°', '') %]&lt;br&gt;[% if(regexp_match(coalesce(to_string("thumbnail_url"), ''), '(?i)^https?://') &gt; 0, '&lt;img src="' || replace(coalesce(to_string("thumbnail_url"), ''), array('&amp;', '&lt;', '&gt;', '"', ''''), array('&amp;amp;', '&amp;lt;', '&amp;gt;', '&amp;quot;', '&amp;#39;')) || '" width="240"&gt;', '') %]&lt;br&gt;[% if(regexp_match(coalesce(to_string("url"), ''), '(?i)^https?://') &gt; 0, '&lt;a href="' || replace(coalesce(to_string("url"), ''), array('&amp;', '&lt;', '&gt;', '"', ''''), array('&amp;amp;', '&amp;lt;', '&amp;gt;', '&amp;quot;', '&amp;#39;')) || '"&gt;Open in KartaView&lt;/a&gt;', '') %]&lt;/div&gt;</mapTip>
  <layerGeometryType>0</layerGeometryType>
</qgis>
