// This file lists every keyword of Spark 4.1's SQL lexer (SqlBaseLexer.g4),
// in the lexer's order, with the reserved-word classes of its parser
// (SqlBaseParser.g4: nonReserved, strictNonReserved, ansiNonReserved).
// Keep it in step with the grammar when Spark adds keywords.

package parser

// Keyword identifies one SQL keyword token. The zero value is not a keyword.
type Keyword uint16

const (
	kwNone Keyword = iota
	kwADD
	kwAFTER
	kwAGGREGATE
	kwALL
	kwALTER
	kwALWAYS
	kwANALYZE
	kwAND
	kwANTI
	kwANY
	kwANY_VALUE
	kwARCHIVE
	kwARRAY
	kwAS
	kwASC
	kwAT
	kwATOMIC
	kwAUTHORIZATION
	kwBEGIN
	kwBETWEEN
	kwBIGINT
	kwBINARY
	kwBINDING
	kwBOOLEAN
	kwBOTH
	kwBUCKET
	kwBUCKETS
	kwBY
	kwBYTE
	kwCACHE
	kwCALL
	kwCALLED
	kwCASCADE
	kwCASE
	kwCAST
	kwCATALOG
	kwCATALOGS
	kwCHANGE
	kwCHAR
	kwCHARACTER
	kwCHECK
	kwCLEAR
	kwCLUSTER
	kwCLUSTERED
	kwCODEGEN
	kwCOLLATE
	kwCOLLATION
	kwCOLLECTION
	kwCOLUMN
	kwCOLUMNS
	kwCOMMENT
	kwCOMMIT
	kwCOMPACT
	kwCOMPACTIONS
	kwCOMPENSATION
	kwCOMPUTE
	kwCONCATENATE
	kwCONDITION
	kwCONSTRAINT
	kwCONTAINS
	kwCONTINUE
	kwCOST
	kwCREATE
	kwCROSS
	kwCUBE
	kwCURRENT
	kwCURRENT_DATE
	kwCURRENT_TIME
	kwCURRENT_TIMESTAMP
	kwCURRENT_USER
	kwDAY
	kwDAYS
	kwDAYOFYEAR
	kwDATA
	kwDATE
	kwDATABASE
	kwDATABASES
	kwDATEADD
	kwDATE_ADD
	kwDATEDIFF
	kwDATE_DIFF
	kwDBPROPERTIES
	kwDEC
	kwDECIMAL
	kwDECLARE
	kwDEFAULT
	kwDEFINED
	kwDEFINER
	kwDELAY
	kwDELETE
	kwDELIMITED
	kwDESC
	kwDESCRIBE
	kwDETERMINISTIC
	kwDFS
	kwDIRECTORIES
	kwDIRECTORY
	kwDISTINCT
	kwDISTRIBUTE
	kwDIV
	kwDO
	kwDOUBLE
	kwDROP
	kwELSE
	kwELSEIF
	kwEND
	kwENFORCED
	kwESCAPE
	kwESCAPED
	kwEVOLUTION
	kwEXCEPT
	kwEXCHANGE
	kwEXCLUDE
	kwEXISTS
	kwEXIT
	kwEXPLAIN
	kwEXPORT
	kwEXTEND
	kwEXTENDED
	kwEXTERNAL
	kwEXTRACT
	kwFALSE
	kwFETCH
	kwFIELDS
	kwFILTER
	kwFILEFORMAT
	kwFIRST
	kwFLOAT
	kwFLOW
	kwFOLLOWING
	kwFOR
	kwFOREIGN
	kwFORMAT
	kwFORMATTED
	kwFOUND
	kwFROM
	kwFULL
	kwFUNCTION
	kwFUNCTIONS
	kwGENERATED
	kwGEOGRAPHY
	kwGEOMETRY
	kwGLOBAL
	kwGRANT
	kwGROUP
	kwGROUPING
	kwHANDLER
	kwHAVING
	kwBINARY_HEX
	kwHOUR
	kwHOURS
	kwIDENTIFIER_KW
	kwIDENTITY
	kwIF
	kwIGNORE
	kwIMMEDIATE
	kwIMPORT
	kwIN
	kwINCLUDE
	kwINCREMENT
	kwINDEX
	kwINDEXES
	kwINNER
	kwINPATH
	kwINPUT
	kwINPUTFORMAT
	kwINSERT
	kwINTERSECT
	kwINTERVAL
	kwINT
	kwINTEGER
	kwINTO
	kwINVOKER
	kwIS
	kwITEMS
	kwITERATE
	kwJOIN
	kwJSON
	kwKEY
	kwKEYS
	kwLANGUAGE
	kwLAST
	kwLATERAL
	kwLAZY
	kwLEADING
	kwLEAVE
	kwLEFT
	kwLEVEL
	kwLIKE
	kwILIKE
	kwLIMIT
	kwLINES
	kwLIST
	kwLOAD
	kwLOCAL
	kwLOCATION
	kwLOCK
	kwLOCKS
	kwLOGICAL
	kwLONG
	kwLOOP
	kwMACRO
	kwMAP
	kwMATCHED
	kwMATERIALIZED
	kwMAX
	kwMERGE
	kwMICROSECOND
	kwMICROSECONDS
	kwMILLISECOND
	kwMILLISECONDS
	kwMINUTE
	kwMINUTES
	kwMODIFIES
	kwMONTH
	kwMONTHS
	kwMSCK
	kwNAME
	kwNAMESPACE
	kwNAMESPACES
	kwNANOSECOND
	kwNANOSECONDS
	kwNATURAL
	kwNO
	kwNONE
	kwNOT
	kwNULL
	kwNULLS
	kwNUMERIC
	kwNORELY
	kwOF
	kwOFFSET
	kwON
	kwONLY
	kwOPTION
	kwOPTIONS
	kwOR
	kwORDER
	kwOUT
	kwOUTER
	kwOUTPUTFORMAT
	kwOVER
	kwOVERLAPS
	kwOVERLAY
	kwOVERWRITE
	kwPARTITION
	kwPARTITIONED
	kwPARTITIONS
	kwPERCENTLIT
	kwPIVOT
	kwPLACING
	kwPOSITION
	kwPRECEDING
	kwPRIMARY
	kwPRINCIPALS
	kwPROCEDURE
	kwPROCEDURES
	kwPROPERTIES
	kwPURGE
	kwQUARTER
	kwQUERY
	kwRANGE
	kwREADS
	kwREAL
	kwRECORDREADER
	kwRECORDWRITER
	kwRECOVER
	kwRECURSION
	kwRECURSIVE
	kwREDUCE
	kwREFERENCES
	kwREFRESH
	kwRELY
	kwRENAME
	kwREPAIR
	kwREPEAT
	kwREPEATABLE
	kwREPLACE
	kwRESET
	kwRESPECT
	kwRESTRICT
	kwRETURN
	kwRETURNS
	kwREVOKE
	kwRIGHT
	kwRLIKE
	kwROLE
	kwROLES
	kwROLLBACK
	kwROLLUP
	kwROW
	kwROWS
	kwSECOND
	kwSECONDS
	kwSCHEMA
	kwSCHEMAS
	kwSECURITY
	kwSELECT
	kwSEMI
	kwSEPARATED
	kwSERDE
	kwSERDEPROPERTIES
	kwSESSION_USER
	kwSET
	kwSETMINUS
	kwSETS
	kwSHORT
	kwSHOW
	kwSINGLE
	kwSKEWED
	kwSMALLINT
	kwSOME
	kwSORT
	kwSORTED
	kwSOURCE
	kwSPECIFIC
	kwSQL
	kwSQLEXCEPTION
	kwSQLSTATE
	kwSTART
	kwSTATISTICS
	kwSTORED
	kwSTRATIFY
	kwSTREAM
	kwSTREAMING
	kwSTRING
	kwSTRUCT
	kwSUBSTR
	kwSUBSTRING
	kwSYNC
	kwSYSTEM_TIME
	kwSYSTEM_VERSION
	kwTABLE
	kwTABLES
	kwTABLESAMPLE
	kwTARGET
	kwTBLPROPERTIES
	kwTEMPORARY
	kwTERMINATED
	kwTHEN
	kwTIME
	kwTIMEDIFF
	kwTIMESTAMP
	kwTIMESTAMP_LTZ
	kwTIMESTAMP_NTZ
	kwTIMESTAMPADD
	kwTIMESTAMPDIFF
	kwTINYINT
	kwTO
	kwEXECUTE
	kwTOUCH
	kwTRAILING
	kwTRANSACTION
	kwTRANSACTIONS
	kwTRANSFORM
	kwTRIM
	kwTRUE
	kwTRUNCATE
	kwTRY_CAST
	kwTYPE
	kwUNARCHIVE
	kwUNBOUNDED
	kwUNCACHE
	kwUNION
	kwUNIQUE
	kwUNKNOWN
	kwUNLOCK
	kwUNPIVOT
	kwUNSET
	kwUNTIL
	kwUPDATE
	kwUSE
	kwUSER
	kwUSING
	kwVALUE
	kwVALUES
	kwVARCHAR
	kwVAR
	kwVARIABLE
	kwVARIANT
	kwVERSION
	kwVIEW
	kwVIEWS
	kwVOID
	kwWATERMARK
	kwWEEK
	kwWEEKS
	kwWHEN
	kwWHERE
	kwWHILE
	kwWINDOW
	kwWITH
	kwWITHIN
	kwWITHOUT
	kwYEAR
	kwYEARS
	kwZONE
	numKeywords
)

// keywordTable describes every keyword, in the order of Spark's lexer.
var keywordTable = [numKeywords]keywordInfo{
	kwADD:               {name: "ADD", spellings: []string{"ADD"}, flags: kfNonReserved | kfANSINonReserved},
	kwAFTER:             {name: "AFTER", spellings: []string{"AFTER"}, flags: kfNonReserved | kfANSINonReserved},
	kwAGGREGATE:         {name: "AGGREGATE", spellings: []string{"AGGREGATE"}, flags: kfNonReserved | kfANSINonReserved},
	kwALL:               {name: "ALL", spellings: []string{"ALL"}, flags: kfNonReserved},
	kwALTER:             {name: "ALTER", spellings: []string{"ALTER"}, flags: kfNonReserved | kfANSINonReserved},
	kwALWAYS:            {name: "ALWAYS", spellings: []string{"ALWAYS"}, flags: kfNonReserved | kfANSINonReserved},
	kwANALYZE:           {name: "ANALYZE", spellings: []string{"ANALYZE"}, flags: kfNonReserved | kfANSINonReserved},
	kwAND:               {name: "AND", spellings: []string{"AND"}, flags: kfNonReserved},
	kwANTI:              {name: "ANTI", spellings: []string{"ANTI"}, flags: kfStrictNonReserved | kfANSINonReserved},
	kwANY:               {name: "ANY", spellings: []string{"ANY"}, flags: kfNonReserved},
	kwANY_VALUE:         {name: "ANY_VALUE", spellings: []string{"ANY_VALUE"}, flags: kfNonReserved | kfANSINonReserved},
	kwARCHIVE:           {name: "ARCHIVE", spellings: []string{"ARCHIVE"}, flags: kfNonReserved | kfANSINonReserved},
	kwARRAY:             {name: "ARRAY", spellings: []string{"ARRAY"}, flags: kfNonReserved | kfANSINonReserved},
	kwAS:                {name: "AS", spellings: []string{"AS"}, flags: kfNonReserved},
	kwASC:               {name: "ASC", spellings: []string{"ASC"}, flags: kfNonReserved | kfANSINonReserved},
	kwAT:                {name: "AT", spellings: []string{"AT"}, flags: kfNonReserved | kfANSINonReserved},
	kwATOMIC:            {name: "ATOMIC", spellings: []string{"ATOMIC"}, flags: kfNonReserved | kfANSINonReserved},
	kwAUTHORIZATION:     {name: "AUTHORIZATION", spellings: []string{"AUTHORIZATION"}, flags: kfNonReserved},
	kwBEGIN:             {name: "BEGIN", spellings: []string{"BEGIN"}, flags: kfNonReserved | kfANSINonReserved},
	kwBETWEEN:           {name: "BETWEEN", spellings: []string{"BETWEEN"}, flags: kfNonReserved | kfANSINonReserved},
	kwBIGINT:            {name: "BIGINT", spellings: []string{"BIGINT"}, flags: kfNonReserved | kfANSINonReserved},
	kwBINARY:            {name: "BINARY", spellings: []string{"BINARY"}, flags: kfNonReserved | kfANSINonReserved},
	kwBINDING:           {name: "BINDING", spellings: []string{"BINDING"}, flags: kfNonReserved | kfANSINonReserved},
	kwBOOLEAN:           {name: "BOOLEAN", spellings: []string{"BOOLEAN"}, flags: kfNonReserved | kfANSINonReserved},
	kwBOTH:              {name: "BOTH", spellings: []string{"BOTH"}, flags: kfNonReserved},
	kwBUCKET:            {name: "BUCKET", spellings: []string{"BUCKET"}, flags: kfNonReserved | kfANSINonReserved},
	kwBUCKETS:           {name: "BUCKETS", spellings: []string{"BUCKETS"}, flags: kfNonReserved | kfANSINonReserved},
	kwBY:                {name: "BY", spellings: []string{"BY"}, flags: kfNonReserved | kfANSINonReserved},
	kwBYTE:              {name: "BYTE", spellings: []string{"BYTE"}, flags: kfNonReserved | kfANSINonReserved},
	kwCACHE:             {name: "CACHE", spellings: []string{"CACHE"}, flags: kfNonReserved | kfANSINonReserved},
	kwCALL:              {name: "CALL", spellings: []string{"CALL"}, flags: kfNonReserved},
	kwCALLED:            {name: "CALLED", spellings: []string{"CALLED"}, flags: kfNonReserved | kfANSINonReserved},
	kwCASCADE:           {name: "CASCADE", spellings: []string{"CASCADE"}, flags: kfNonReserved | kfANSINonReserved},
	kwCASE:              {name: "CASE", spellings: []string{"CASE"}, flags: kfNonReserved},
	kwCAST:              {name: "CAST", spellings: []string{"CAST"}, flags: kfNonReserved},
	kwCATALOG:           {name: "CATALOG", spellings: []string{"CATALOG"}, flags: kfNonReserved | kfANSINonReserved},
	kwCATALOGS:          {name: "CATALOGS", spellings: []string{"CATALOGS"}, flags: kfNonReserved | kfANSINonReserved},
	kwCHANGE:            {name: "CHANGE", spellings: []string{"CHANGE"}, flags: kfNonReserved | kfANSINonReserved},
	kwCHAR:              {name: "CHAR", spellings: []string{"CHAR"}, flags: kfNonReserved | kfANSINonReserved},
	kwCHARACTER:         {name: "CHARACTER", spellings: []string{"CHARACTER"}, flags: kfNonReserved | kfANSINonReserved},
	kwCHECK:             {name: "CHECK", spellings: []string{"CHECK"}, flags: kfNonReserved},
	kwCLEAR:             {name: "CLEAR", spellings: []string{"CLEAR"}, flags: kfNonReserved | kfANSINonReserved},
	kwCLUSTER:           {name: "CLUSTER", spellings: []string{"CLUSTER"}, flags: kfNonReserved | kfANSINonReserved},
	kwCLUSTERED:         {name: "CLUSTERED", spellings: []string{"CLUSTERED"}, flags: kfNonReserved | kfANSINonReserved},
	kwCODEGEN:           {name: "CODEGEN", spellings: []string{"CODEGEN"}, flags: kfNonReserved | kfANSINonReserved},
	kwCOLLATE:           {name: "COLLATE", spellings: []string{"COLLATE"}, flags: kfNonReserved},
	kwCOLLATION:         {name: "COLLATION", spellings: []string{"COLLATION"}, flags: kfNonReserved},
	kwCOLLECTION:        {name: "COLLECTION", spellings: []string{"COLLECTION"}, flags: kfNonReserved | kfANSINonReserved},
	kwCOLUMN:            {name: "COLUMN", spellings: []string{"COLUMN"}, flags: kfNonReserved},
	kwCOLUMNS:           {name: "COLUMNS", spellings: []string{"COLUMNS"}, flags: kfNonReserved | kfANSINonReserved},
	kwCOMMENT:           {name: "COMMENT", spellings: []string{"COMMENT"}, flags: kfNonReserved | kfANSINonReserved},
	kwCOMMIT:            {name: "COMMIT", spellings: []string{"COMMIT"}, flags: kfNonReserved | kfANSINonReserved},
	kwCOMPACT:           {name: "COMPACT", spellings: []string{"COMPACT"}, flags: kfNonReserved | kfANSINonReserved},
	kwCOMPACTIONS:       {name: "COMPACTIONS", spellings: []string{"COMPACTIONS"}, flags: kfNonReserved | kfANSINonReserved},
	kwCOMPENSATION:      {name: "COMPENSATION", spellings: []string{"COMPENSATION"}, flags: kfNonReserved | kfANSINonReserved},
	kwCOMPUTE:           {name: "COMPUTE", spellings: []string{"COMPUTE"}, flags: kfNonReserved | kfANSINonReserved},
	kwCONCATENATE:       {name: "CONCATENATE", spellings: []string{"CONCATENATE"}, flags: kfNonReserved | kfANSINonReserved},
	kwCONDITION:         {name: "CONDITION", spellings: []string{"CONDITION"}, flags: kfNonReserved | kfANSINonReserved},
	kwCONSTRAINT:        {name: "CONSTRAINT", spellings: []string{"CONSTRAINT"}, flags: kfNonReserved},
	kwCONTAINS:          {name: "CONTAINS", spellings: []string{"CONTAINS"}, flags: kfNonReserved | kfANSINonReserved},
	kwCONTINUE:          {name: "CONTINUE", spellings: []string{"CONTINUE"}, flags: kfNonReserved | kfANSINonReserved},
	kwCOST:              {name: "COST", spellings: []string{"COST"}, flags: kfNonReserved | kfANSINonReserved},
	kwCREATE:            {name: "CREATE", spellings: []string{"CREATE"}, flags: kfNonReserved},
	kwCROSS:             {name: "CROSS", spellings: []string{"CROSS"}, flags: kfStrictNonReserved},
	kwCUBE:              {name: "CUBE", spellings: []string{"CUBE"}, flags: kfNonReserved | kfANSINonReserved},
	kwCURRENT:           {name: "CURRENT", spellings: []string{"CURRENT"}, flags: kfNonReserved | kfANSINonReserved},
	kwCURRENT_DATE:      {name: "CURRENT_DATE", spellings: []string{"CURRENT_DATE"}, flags: kfNonReserved},
	kwCURRENT_TIME:      {name: "CURRENT_TIME", spellings: []string{"CURRENT_TIME"}, flags: kfNonReserved},
	kwCURRENT_TIMESTAMP: {name: "CURRENT_TIMESTAMP", spellings: []string{"CURRENT_TIMESTAMP"}, flags: kfNonReserved},
	kwCURRENT_USER:      {name: "CURRENT_USER", spellings: []string{"CURRENT_USER"}, flags: kfNonReserved},
	kwDAY:               {name: "DAY", spellings: []string{"DAY"}, flags: kfNonReserved | kfANSINonReserved},
	kwDAYS:              {name: "DAYS", spellings: []string{"DAYS"}, flags: kfNonReserved | kfANSINonReserved},
	kwDAYOFYEAR:         {name: "DAYOFYEAR", spellings: []string{"DAYOFYEAR"}, flags: kfNonReserved | kfANSINonReserved},
	kwDATA:              {name: "DATA", spellings: []string{"DATA"}, flags: kfNonReserved | kfANSINonReserved},
	kwDATE:              {name: "DATE", spellings: []string{"DATE"}, flags: kfNonReserved | kfANSINonReserved},
	kwDATABASE:          {name: "DATABASE", spellings: []string{"DATABASE"}, flags: kfNonReserved | kfANSINonReserved},
	kwDATABASES:         {name: "DATABASES", spellings: []string{"DATABASES"}, flags: kfNonReserved | kfANSINonReserved},
	kwDATEADD:           {name: "DATEADD", spellings: []string{"DATEADD"}, flags: kfNonReserved | kfANSINonReserved},
	kwDATE_ADD:          {name: "DATE_ADD", spellings: []string{"DATE_ADD"}, flags: kfNonReserved | kfANSINonReserved},
	kwDATEDIFF:          {name: "DATEDIFF", spellings: []string{"DATEDIFF"}, flags: kfNonReserved | kfANSINonReserved},
	kwDATE_DIFF:         {name: "DATE_DIFF", spellings: []string{"DATE_DIFF"}, flags: kfNonReserved | kfANSINonReserved},
	kwDBPROPERTIES:      {name: "DBPROPERTIES", spellings: []string{"DBPROPERTIES"}, flags: kfNonReserved | kfANSINonReserved},
	kwDEC:               {name: "DEC", spellings: []string{"DEC"}, flags: kfNonReserved | kfANSINonReserved},
	kwDECIMAL:           {name: "DECIMAL", spellings: []string{"DECIMAL"}, flags: kfNonReserved | kfANSINonReserved},
	kwDECLARE:           {name: "DECLARE", spellings: []string{"DECLARE"}, flags: kfNonReserved | kfANSINonReserved},
	kwDEFAULT:           {name: "DEFAULT", spellings: []string{"DEFAULT"}, flags: kfNonReserved | kfANSINonReserved},
	kwDEFINED:           {name: "DEFINED", spellings: []string{"DEFINED"}, flags: kfNonReserved | kfANSINonReserved},
	kwDEFINER:           {name: "DEFINER", spellings: []string{"DEFINER"}, flags: kfNonReserved | kfANSINonReserved},
	kwDELAY:             {name: "DELAY", spellings: []string{"DELAY"}, flags: kfNonReserved | kfANSINonReserved},
	kwDELETE:            {name: "DELETE", spellings: []string{"DELETE"}, flags: kfNonReserved | kfANSINonReserved},
	kwDELIMITED:         {name: "DELIMITED", spellings: []string{"DELIMITED"}, flags: kfNonReserved | kfANSINonReserved},
	kwDESC:              {name: "DESC", spellings: []string{"DESC"}, flags: kfNonReserved | kfANSINonReserved},
	kwDESCRIBE:          {name: "DESCRIBE", spellings: []string{"DESCRIBE"}, flags: kfNonReserved | kfANSINonReserved},
	kwDETERMINISTIC:     {name: "DETERMINISTIC", spellings: []string{"DETERMINISTIC"}, flags: kfNonReserved | kfANSINonReserved},
	kwDFS:               {name: "DFS", spellings: []string{"DFS"}, flags: kfNonReserved | kfANSINonReserved},
	kwDIRECTORIES:       {name: "DIRECTORIES", spellings: []string{"DIRECTORIES"}, flags: kfNonReserved | kfANSINonReserved},
	kwDIRECTORY:         {name: "DIRECTORY", spellings: []string{"DIRECTORY"}, flags: kfNonReserved | kfANSINonReserved},
	kwDISTINCT:          {name: "DISTINCT", spellings: []string{"DISTINCT"}, flags: kfNonReserved},
	kwDISTRIBUTE:        {name: "DISTRIBUTE", spellings: []string{"DISTRIBUTE"}, flags: kfNonReserved | kfANSINonReserved},
	kwDIV:               {name: "DIV", spellings: []string{"DIV"}, flags: kfNonReserved | kfANSINonReserved},
	kwDO:                {name: "DO", spellings: []string{"DO"}, flags: kfNonReserved | kfANSINonReserved},
	kwDOUBLE:            {name: "DOUBLE", spellings: []string{"DOUBLE"}, flags: kfNonReserved | kfANSINonReserved},
	kwDROP:              {name: "DROP", spellings: []string{"DROP"}, flags: kfNonReserved | kfANSINonReserved},
	kwELSE:              {name: "ELSE", spellings: []string{"ELSE"}, flags: kfNonReserved},
	kwELSEIF:            {name: "ELSEIF", spellings: []string{"ELSEIF"}, flags: kfNonReserved | kfANSINonReserved},
	kwEND:               {name: "END", spellings: []string{"END"}, flags: kfNonReserved},
	kwENFORCED:          {name: "ENFORCED", spellings: []string{"ENFORCED"}, flags: kfNonReserved | kfANSINonReserved},
	kwESCAPE:            {name: "ESCAPE", spellings: []string{"ESCAPE"}, flags: kfNonReserved},
	kwESCAPED:           {name: "ESCAPED", spellings: []string{"ESCAPED"}, flags: kfNonReserved | kfANSINonReserved},
	kwEVOLUTION:         {name: "EVOLUTION", spellings: []string{"EVOLUTION"}, flags: kfNonReserved | kfANSINonReserved},
	kwEXCEPT:            {name: "EXCEPT", spellings: []string{"EXCEPT"}, flags: kfStrictNonReserved},
	kwEXCHANGE:          {name: "EXCHANGE", spellings: []string{"EXCHANGE"}, flags: kfNonReserved | kfANSINonReserved},
	kwEXCLUDE:           {name: "EXCLUDE", spellings: []string{"EXCLUDE"}, flags: kfNonReserved | kfANSINonReserved},
	kwEXISTS:            {name: "EXISTS", spellings: []string{"EXISTS"}, flags: kfNonReserved | kfANSINonReserved},
	kwEXIT:              {name: "EXIT", spellings: []string{"EXIT"}, flags: kfNonReserved | kfANSINonReserved},
	kwEXPLAIN:           {name: "EXPLAIN", spellings: []string{"EXPLAIN"}, flags: kfNonReserved | kfANSINonReserved},
	kwEXPORT:            {name: "EXPORT", spellings: []string{"EXPORT"}, flags: kfNonReserved | kfANSINonReserved},
	kwEXTEND:            {name: "EXTEND", spellings: []string{"EXTEND"}, flags: kfNonReserved | kfANSINonReserved},
	kwEXTENDED:          {name: "EXTENDED", spellings: []string{"EXTENDED"}, flags: kfNonReserved | kfANSINonReserved},
	kwEXTERNAL:          {name: "EXTERNAL", spellings: []string{"EXTERNAL"}, flags: kfNonReserved | kfANSINonReserved},
	kwEXTRACT:           {name: "EXTRACT", spellings: []string{"EXTRACT"}, flags: kfNonReserved | kfANSINonReserved},
	kwFALSE:             {name: "FALSE", spellings: []string{"FALSE"}, flags: kfNonReserved},
	kwFETCH:             {name: "FETCH", spellings: []string{"FETCH"}, flags: kfNonReserved},
	kwFIELDS:            {name: "FIELDS", spellings: []string{"FIELDS"}, flags: kfNonReserved | kfANSINonReserved},
	kwFILTER:            {name: "FILTER", spellings: []string{"FILTER"}, flags: kfNonReserved},
	kwFILEFORMAT:        {name: "FILEFORMAT", spellings: []string{"FILEFORMAT"}, flags: kfNonReserved | kfANSINonReserved},
	kwFIRST:             {name: "FIRST", spellings: []string{"FIRST"}, flags: kfNonReserved | kfANSINonReserved},
	kwFLOAT:             {name: "FLOAT", spellings: []string{"FLOAT"}, flags: kfNonReserved | kfANSINonReserved},
	kwFLOW:              {name: "FLOW", spellings: []string{"FLOW"}, flags: kfNonReserved | kfANSINonReserved},
	kwFOLLOWING:         {name: "FOLLOWING", spellings: []string{"FOLLOWING"}, flags: kfNonReserved | kfANSINonReserved},
	kwFOR:               {name: "FOR", spellings: []string{"FOR"}, flags: kfNonReserved},
	kwFOREIGN:           {name: "FOREIGN", spellings: []string{"FOREIGN"}, flags: kfNonReserved},
	kwFORMAT:            {name: "FORMAT", spellings: []string{"FORMAT"}, flags: kfNonReserved | kfANSINonReserved},
	kwFORMATTED:         {name: "FORMATTED", spellings: []string{"FORMATTED"}, flags: kfNonReserved | kfANSINonReserved},
	kwFOUND:             {name: "FOUND", spellings: []string{"FOUND"}, flags: kfNonReserved | kfANSINonReserved},
	kwFROM:              {name: "FROM", spellings: []string{"FROM"}, flags: kfNonReserved},
	kwFULL:              {name: "FULL", spellings: []string{"FULL"}, flags: kfStrictNonReserved},
	kwFUNCTION:          {name: "FUNCTION", spellings: []string{"FUNCTION"}, flags: kfNonReserved | kfANSINonReserved},
	kwFUNCTIONS:         {name: "FUNCTIONS", spellings: []string{"FUNCTIONS"}, flags: kfNonReserved | kfANSINonReserved},
	kwGENERATED:         {name: "GENERATED", spellings: []string{"GENERATED"}, flags: kfNonReserved | kfANSINonReserved},
	kwGEOGRAPHY:         {name: "GEOGRAPHY", spellings: []string{"GEOGRAPHY"}, flags: kfNonReserved | kfANSINonReserved},
	kwGEOMETRY:          {name: "GEOMETRY", spellings: []string{"GEOMETRY"}, flags: kfNonReserved | kfANSINonReserved},
	kwGLOBAL:            {name: "GLOBAL", spellings: []string{"GLOBAL"}, flags: kfNonReserved | kfANSINonReserved},
	kwGRANT:             {name: "GRANT", spellings: []string{"GRANT"}, flags: kfNonReserved},
	kwGROUP:             {name: "GROUP", spellings: []string{"GROUP"}, flags: kfNonReserved},
	kwGROUPING:          {name: "GROUPING", spellings: []string{"GROUPING"}, flags: kfNonReserved | kfANSINonReserved},
	kwHANDLER:           {name: "HANDLER", spellings: []string{"HANDLER"}, flags: kfNonReserved | kfANSINonReserved},
	kwHAVING:            {name: "HAVING", spellings: []string{"HAVING"}, flags: kfNonReserved},
	kwBINARY_HEX:        {name: "BINARY_HEX", spellings: []string{"X"}, flags: kfNonReserved | kfANSINonReserved},
	kwHOUR:              {name: "HOUR", spellings: []string{"HOUR"}, flags: kfNonReserved | kfANSINonReserved},
	kwHOURS:             {name: "HOURS", spellings: []string{"HOURS"}, flags: kfNonReserved | kfANSINonReserved},
	kwIDENTIFIER_KW:     {name: "IDENTIFIER_KW", spellings: []string{"IDENTIFIER"}, flags: kfNonReserved | kfANSINonReserved},
	kwIDENTITY:          {name: "IDENTITY", spellings: []string{"IDENTITY"}, flags: kfNonReserved | kfANSINonReserved},
	kwIF:                {name: "IF", spellings: []string{"IF"}, flags: kfNonReserved | kfANSINonReserved},
	kwIGNORE:            {name: "IGNORE", spellings: []string{"IGNORE"}, flags: kfNonReserved | kfANSINonReserved},
	kwIMMEDIATE:         {name: "IMMEDIATE", spellings: []string{"IMMEDIATE"}, flags: kfNonReserved | kfANSINonReserved},
	kwIMPORT:            {name: "IMPORT", spellings: []string{"IMPORT"}, flags: kfNonReserved | kfANSINonReserved},
	kwIN:                {name: "IN", spellings: []string{"IN"}, flags: kfNonReserved},
	kwINCLUDE:           {name: "INCLUDE", spellings: []string{"INCLUDE"}, flags: kfNonReserved | kfANSINonReserved},
	kwINCREMENT:         {name: "INCREMENT", spellings: []string{"INCREMENT"}, flags: kfNonReserved | kfANSINonReserved},
	kwINDEX:             {name: "INDEX", spellings: []string{"INDEX"}, flags: kfNonReserved | kfANSINonReserved},
	kwINDEXES:           {name: "INDEXES", spellings: []string{"INDEXES"}, flags: kfNonReserved | kfANSINonReserved},
	kwINNER:             {name: "INNER", spellings: []string{"INNER"}, flags: kfStrictNonReserved},
	kwINPATH:            {name: "INPATH", spellings: []string{"INPATH"}, flags: kfNonReserved | kfANSINonReserved},
	kwINPUT:             {name: "INPUT", spellings: []string{"INPUT"}, flags: kfNonReserved | kfANSINonReserved},
	kwINPUTFORMAT:       {name: "INPUTFORMAT", spellings: []string{"INPUTFORMAT"}, flags: kfNonReserved | kfANSINonReserved},
	kwINSERT:            {name: "INSERT", spellings: []string{"INSERT"}, flags: kfNonReserved | kfANSINonReserved},
	kwINTERSECT:         {name: "INTERSECT", spellings: []string{"INTERSECT"}, flags: kfStrictNonReserved},
	kwINTERVAL:          {name: "INTERVAL", spellings: []string{"INTERVAL"}, flags: kfNonReserved | kfANSINonReserved},
	kwINT:               {name: "INT", spellings: []string{"INT"}, flags: kfNonReserved | kfANSINonReserved},
	kwINTEGER:           {name: "INTEGER", spellings: []string{"INTEGER"}, flags: kfNonReserved | kfANSINonReserved},
	kwINTO:              {name: "INTO", spellings: []string{"INTO"}, flags: kfNonReserved},
	kwINVOKER:           {name: "INVOKER", spellings: []string{"INVOKER"}, flags: kfNonReserved | kfANSINonReserved},
	kwIS:                {name: "IS", spellings: []string{"IS"}, flags: kfNonReserved},
	kwITEMS:             {name: "ITEMS", spellings: []string{"ITEMS"}, flags: kfNonReserved | kfANSINonReserved},
	kwITERATE:           {name: "ITERATE", spellings: []string{"ITERATE"}, flags: kfNonReserved | kfANSINonReserved},
	kwJOIN:              {name: "JOIN", spellings: []string{"JOIN"}, flags: kfStrictNonReserved},
	kwJSON:              {name: "JSON", spellings: []string{"JSON"}, flags: kfNonReserved | kfANSINonReserved},
	kwKEY:               {name: "KEY", spellings: []string{"KEY"}, flags: kfNonReserved | kfANSINonReserved},
	kwKEYS:              {name: "KEYS", spellings: []string{"KEYS"}, flags: kfNonReserved | kfANSINonReserved},
	kwLANGUAGE:          {name: "LANGUAGE", spellings: []string{"LANGUAGE"}, flags: kfNonReserved | kfANSINonReserved},
	kwLAST:              {name: "LAST", spellings: []string{"LAST"}, flags: kfNonReserved | kfANSINonReserved},
	kwLATERAL:           {name: "LATERAL", spellings: []string{"LATERAL"}, flags: kfStrictNonReserved},
	kwLAZY:              {name: "LAZY", spellings: []string{"LAZY"}, flags: kfNonReserved | kfANSINonReserved},
	kwLEADING:           {name: "LEADING", spellings: []string{"LEADING"}, flags: kfNonReserved},
	kwLEAVE:             {name: "LEAVE", spellings: []string{"LEAVE"}, flags: kfNonReserved | kfANSINonReserved},
	kwLEFT:              {name: "LEFT", spellings: []string{"LEFT"}, flags: kfStrictNonReserved},
	kwLEVEL:             {name: "LEVEL", spellings: []string{"LEVEL"}, flags: kfNonReserved | kfANSINonReserved},
	kwLIKE:              {name: "LIKE", spellings: []string{"LIKE"}, flags: kfNonReserved | kfANSINonReserved},
	kwILIKE:             {name: "ILIKE", spellings: []string{"ILIKE"}, flags: kfNonReserved | kfANSINonReserved},
	kwLIMIT:             {name: "LIMIT", spellings: []string{"LIMIT"}, flags: kfNonReserved | kfANSINonReserved},
	kwLINES:             {name: "LINES", spellings: []string{"LINES"}, flags: kfNonReserved | kfANSINonReserved},
	kwLIST:              {name: "LIST", spellings: []string{"LIST"}, flags: kfNonReserved | kfANSINonReserved},
	kwLOAD:              {name: "LOAD", spellings: []string{"LOAD"}, flags: kfNonReserved | kfANSINonReserved},
	kwLOCAL:             {name: "LOCAL", spellings: []string{"LOCAL"}, flags: kfNonReserved | kfANSINonReserved},
	kwLOCATION:          {name: "LOCATION", spellings: []string{"LOCATION"}, flags: kfNonReserved | kfANSINonReserved},
	kwLOCK:              {name: "LOCK", spellings: []string{"LOCK"}, flags: kfNonReserved | kfANSINonReserved},
	kwLOCKS:             {name: "LOCKS", spellings: []string{"LOCKS"}, flags: kfNonReserved | kfANSINonReserved},
	kwLOGICAL:           {name: "LOGICAL", spellings: []string{"LOGICAL"}, flags: kfNonReserved | kfANSINonReserved},
	kwLONG:              {name: "LONG", spellings: []string{"LONG"}, flags: kfNonReserved | kfANSINonReserved},
	kwLOOP:              {name: "LOOP", spellings: []string{"LOOP"}, flags: kfNonReserved | kfANSINonReserved},
	kwMACRO:             {name: "MACRO", spellings: []string{"MACRO"}, flags: kfNonReserved | kfANSINonReserved},
	kwMAP:               {name: "MAP", spellings: []string{"MAP"}, flags: kfNonReserved | kfANSINonReserved},
	kwMATCHED:           {name: "MATCHED", spellings: []string{"MATCHED"}, flags: kfNonReserved | kfANSINonReserved},
	kwMATERIALIZED:      {name: "MATERIALIZED", spellings: []string{"MATERIALIZED"}, flags: kfNonReserved | kfANSINonReserved},
	kwMAX:               {name: "MAX", spellings: []string{"MAX"}, flags: kfNonReserved | kfANSINonReserved},
	kwMERGE:             {name: "MERGE", spellings: []string{"MERGE"}, flags: kfNonReserved | kfANSINonReserved},
	kwMICROSECOND:       {name: "MICROSECOND", spellings: []string{"MICROSECOND"}, flags: kfNonReserved | kfANSINonReserved},
	kwMICROSECONDS:      {name: "MICROSECONDS", spellings: []string{"MICROSECONDS"}, flags: kfNonReserved | kfANSINonReserved},
	kwMILLISECOND:       {name: "MILLISECOND", spellings: []string{"MILLISECOND"}, flags: kfNonReserved | kfANSINonReserved},
	kwMILLISECONDS:      {name: "MILLISECONDS", spellings: []string{"MILLISECONDS"}, flags: kfNonReserved | kfANSINonReserved},
	kwMINUTE:            {name: "MINUTE", spellings: []string{"MINUTE"}, flags: kfNonReserved | kfANSINonReserved},
	kwMINUTES:           {name: "MINUTES", spellings: []string{"MINUTES"}, flags: kfNonReserved | kfANSINonReserved},
	kwMODIFIES:          {name: "MODIFIES", spellings: []string{"MODIFIES"}, flags: kfNonReserved | kfANSINonReserved},
	kwMONTH:             {name: "MONTH", spellings: []string{"MONTH"}, flags: kfNonReserved | kfANSINonReserved},
	kwMONTHS:            {name: "MONTHS", spellings: []string{"MONTHS"}, flags: kfNonReserved | kfANSINonReserved},
	kwMSCK:              {name: "MSCK", spellings: []string{"MSCK"}, flags: kfNonReserved | kfANSINonReserved},
	kwNAME:              {name: "NAME", spellings: []string{"NAME"}, flags: kfNonReserved | kfANSINonReserved},
	kwNAMESPACE:         {name: "NAMESPACE", spellings: []string{"NAMESPACE"}, flags: kfNonReserved | kfANSINonReserved},
	kwNAMESPACES:        {name: "NAMESPACES", spellings: []string{"NAMESPACES"}, flags: kfNonReserved | kfANSINonReserved},
	kwNANOSECOND:        {name: "NANOSECOND", spellings: []string{"NANOSECOND"}, flags: kfNonReserved | kfANSINonReserved},
	kwNANOSECONDS:       {name: "NANOSECONDS", spellings: []string{"NANOSECONDS"}, flags: kfNonReserved | kfANSINonReserved},
	kwNATURAL:           {name: "NATURAL", spellings: []string{"NATURAL"}, flags: kfStrictNonReserved},
	kwNO:                {name: "NO", spellings: []string{"NO"}, flags: kfNonReserved | kfANSINonReserved},
	kwNONE:              {name: "NONE", spellings: []string{"NONE"}, flags: kfNonReserved | kfANSINonReserved},
	kwNOT:               {name: "NOT", spellings: []string{"NOT"}, flags: kfNonReserved},
	kwNULL:              {name: "NULL", spellings: []string{"NULL"}, flags: kfNonReserved},
	kwNULLS:             {name: "NULLS", spellings: []string{"NULLS"}, flags: kfNonReserved | kfANSINonReserved},
	kwNUMERIC:           {name: "NUMERIC", spellings: []string{"NUMERIC"}, flags: kfNonReserved | kfANSINonReserved},
	kwNORELY:            {name: "NORELY", spellings: []string{"NORELY"}, flags: kfNonReserved | kfANSINonReserved},
	kwOF:                {name: "OF", spellings: []string{"OF"}, flags: kfNonReserved | kfANSINonReserved},
	kwOFFSET:            {name: "OFFSET", spellings: []string{"OFFSET"}, flags: kfNonReserved},
	kwON:                {name: "ON", spellings: []string{"ON"}, flags: kfStrictNonReserved},
	kwONLY:              {name: "ONLY", spellings: []string{"ONLY"}, flags: kfNonReserved},
	kwOPTION:            {name: "OPTION", spellings: []string{"OPTION"}, flags: kfNonReserved | kfANSINonReserved},
	kwOPTIONS:           {name: "OPTIONS", spellings: []string{"OPTIONS"}, flags: kfNonReserved | kfANSINonReserved},
	kwOR:                {name: "OR", spellings: []string{"OR"}, flags: kfNonReserved},
	kwORDER:             {name: "ORDER", spellings: []string{"ORDER"}, flags: kfNonReserved},
	kwOUT:               {name: "OUT", spellings: []string{"OUT"}, flags: kfNonReserved | kfANSINonReserved},
	kwOUTER:             {name: "OUTER", spellings: []string{"OUTER"}, flags: kfNonReserved},
	kwOUTPUTFORMAT:      {name: "OUTPUTFORMAT", spellings: []string{"OUTPUTFORMAT"}, flags: kfNonReserved | kfANSINonReserved},
	kwOVER:              {name: "OVER", spellings: []string{"OVER"}, flags: kfNonReserved | kfANSINonReserved},
	kwOVERLAPS:          {name: "OVERLAPS", spellings: []string{"OVERLAPS"}, flags: kfNonReserved},
	kwOVERLAY:           {name: "OVERLAY", spellings: []string{"OVERLAY"}, flags: kfNonReserved | kfANSINonReserved},
	kwOVERWRITE:         {name: "OVERWRITE", spellings: []string{"OVERWRITE"}, flags: kfNonReserved | kfANSINonReserved},
	kwPARTITION:         {name: "PARTITION", spellings: []string{"PARTITION"}, flags: kfNonReserved | kfANSINonReserved},
	kwPARTITIONED:       {name: "PARTITIONED", spellings: []string{"PARTITIONED"}, flags: kfNonReserved | kfANSINonReserved},
	kwPARTITIONS:        {name: "PARTITIONS", spellings: []string{"PARTITIONS"}, flags: kfNonReserved | kfANSINonReserved},
	kwPERCENTLIT:        {name: "PERCENTLIT", spellings: []string{"PERCENT"}, flags: kfNonReserved | kfANSINonReserved},
	kwPIVOT:             {name: "PIVOT", spellings: []string{"PIVOT"}, flags: kfNonReserved | kfANSINonReserved},
	kwPLACING:           {name: "PLACING", spellings: []string{"PLACING"}, flags: kfNonReserved | kfANSINonReserved},
	kwPOSITION:          {name: "POSITION", spellings: []string{"POSITION"}, flags: kfNonReserved | kfANSINonReserved},
	kwPRECEDING:         {name: "PRECEDING", spellings: []string{"PRECEDING"}, flags: kfNonReserved | kfANSINonReserved},
	kwPRIMARY:           {name: "PRIMARY", spellings: []string{"PRIMARY"}, flags: kfNonReserved},
	kwPRINCIPALS:        {name: "PRINCIPALS", spellings: []string{"PRINCIPALS"}, flags: kfNonReserved | kfANSINonReserved},
	kwPROCEDURE:         {name: "PROCEDURE", spellings: []string{"PROCEDURE"}, flags: kfNonReserved | kfANSINonReserved},
	kwPROCEDURES:        {name: "PROCEDURES", spellings: []string{"PROCEDURES"}, flags: kfNonReserved | kfANSINonReserved},
	kwPROPERTIES:        {name: "PROPERTIES", spellings: []string{"PROPERTIES"}, flags: kfNonReserved | kfANSINonReserved},
	kwPURGE:             {name: "PURGE", spellings: []string{"PURGE"}, flags: kfNonReserved | kfANSINonReserved},
	kwQUARTER:           {name: "QUARTER", spellings: []string{"QUARTER"}, flags: kfNonReserved | kfANSINonReserved},
	kwQUERY:             {name: "QUERY", spellings: []string{"QUERY"}, flags: kfNonReserved | kfANSINonReserved},
	kwRANGE:             {name: "RANGE", spellings: []string{"RANGE"}, flags: kfNonReserved | kfANSINonReserved},
	kwREADS:             {name: "READS", spellings: []string{"READS"}, flags: kfNonReserved | kfANSINonReserved},
	kwREAL:              {name: "REAL", spellings: []string{"REAL"}, flags: kfNonReserved | kfANSINonReserved},
	kwRECORDREADER:      {name: "RECORDREADER", spellings: []string{"RECORDREADER"}, flags: kfNonReserved | kfANSINonReserved},
	kwRECORDWRITER:      {name: "RECORDWRITER", spellings: []string{"RECORDWRITER"}, flags: kfNonReserved | kfANSINonReserved},
	kwRECOVER:           {name: "RECOVER", spellings: []string{"RECOVER"}, flags: kfNonReserved | kfANSINonReserved},
	kwRECURSION:         {name: "RECURSION", spellings: []string{"RECURSION"}, flags: kfNonReserved | kfANSINonReserved},
	kwRECURSIVE:         {name: "RECURSIVE", spellings: []string{"RECURSIVE"}, flags: kfNonReserved},
	kwREDUCE:            {name: "REDUCE", spellings: []string{"REDUCE"}, flags: kfNonReserved | kfANSINonReserved},
	kwREFERENCES:        {name: "REFERENCES", spellings: []string{"REFERENCES"}, flags: kfNonReserved},
	kwREFRESH:           {name: "REFRESH", spellings: []string{"REFRESH"}, flags: kfNonReserved | kfANSINonReserved},
	kwRELY:              {name: "RELY", spellings: []string{"RELY"}, flags: kfNonReserved | kfANSINonReserved},
	kwRENAME:            {name: "RENAME", spellings: []string{"RENAME"}, flags: kfNonReserved | kfANSINonReserved},
	kwREPAIR:            {name: "REPAIR", spellings: []string{"REPAIR"}, flags: kfNonReserved | kfANSINonReserved},
	kwREPEAT:            {name: "REPEAT", spellings: []string{"REPEAT"}, flags: kfNonReserved | kfANSINonReserved},
	kwREPEATABLE:        {name: "REPEATABLE", spellings: []string{"REPEATABLE"}, flags: kfNonReserved | kfANSINonReserved},
	kwREPLACE:           {name: "REPLACE", spellings: []string{"REPLACE"}, flags: kfNonReserved | kfANSINonReserved},
	kwRESET:             {name: "RESET", spellings: []string{"RESET"}, flags: kfNonReserved | kfANSINonReserved},
	kwRESPECT:           {name: "RESPECT", spellings: []string{"RESPECT"}, flags: kfNonReserved | kfANSINonReserved},
	kwRESTRICT:          {name: "RESTRICT", spellings: []string{"RESTRICT"}, flags: kfNonReserved | kfANSINonReserved},
	kwRETURN:            {name: "RETURN", spellings: []string{"RETURN"}, flags: kfNonReserved | kfANSINonReserved},
	kwRETURNS:           {name: "RETURNS", spellings: []string{"RETURNS"}, flags: kfNonReserved | kfANSINonReserved},
	kwREVOKE:            {name: "REVOKE", spellings: []string{"REVOKE"}, flags: kfNonReserved | kfANSINonReserved},
	kwRIGHT:             {name: "RIGHT", spellings: []string{"RIGHT"}, flags: kfStrictNonReserved},
	kwRLIKE:             {name: "RLIKE", spellings: []string{"RLIKE", "REGEXP"}, flags: kfNonReserved | kfANSINonReserved},
	kwROLE:              {name: "ROLE", spellings: []string{"ROLE"}, flags: kfNonReserved | kfANSINonReserved},
	kwROLES:             {name: "ROLES", spellings: []string{"ROLES"}, flags: kfNonReserved | kfANSINonReserved},
	kwROLLBACK:          {name: "ROLLBACK", spellings: []string{"ROLLBACK"}, flags: kfNonReserved | kfANSINonReserved},
	kwROLLUP:            {name: "ROLLUP", spellings: []string{"ROLLUP"}, flags: kfNonReserved | kfANSINonReserved},
	kwROW:               {name: "ROW", spellings: []string{"ROW"}, flags: kfNonReserved | kfANSINonReserved},
	kwROWS:              {name: "ROWS", spellings: []string{"ROWS"}, flags: kfNonReserved | kfANSINonReserved},
	kwSECOND:            {name: "SECOND", spellings: []string{"SECOND"}, flags: kfNonReserved | kfANSINonReserved},
	kwSECONDS:           {name: "SECONDS", spellings: []string{"SECONDS"}, flags: kfNonReserved | kfANSINonReserved},
	kwSCHEMA:            {name: "SCHEMA", spellings: []string{"SCHEMA"}, flags: kfNonReserved | kfANSINonReserved},
	kwSCHEMAS:           {name: "SCHEMAS", spellings: []string{"SCHEMAS"}, flags: kfNonReserved | kfANSINonReserved},
	kwSECURITY:          {name: "SECURITY", spellings: []string{"SECURITY"}, flags: kfNonReserved | kfANSINonReserved},
	kwSELECT:            {name: "SELECT", spellings: []string{"SELECT"}, flags: kfNonReserved},
	kwSEMI:              {name: "SEMI", spellings: []string{"SEMI"}, flags: kfStrictNonReserved | kfANSINonReserved},
	kwSEPARATED:         {name: "SEPARATED", spellings: []string{"SEPARATED"}, flags: kfNonReserved | kfANSINonReserved},
	kwSERDE:             {name: "SERDE", spellings: []string{"SERDE"}, flags: kfNonReserved | kfANSINonReserved},
	kwSERDEPROPERTIES:   {name: "SERDEPROPERTIES", spellings: []string{"SERDEPROPERTIES"}, flags: kfNonReserved | kfANSINonReserved},
	kwSESSION_USER:      {name: "SESSION_USER", spellings: []string{"SESSION_USER"}, flags: kfNonReserved},
	kwSET:               {name: "SET", spellings: []string{"SET"}, flags: kfNonReserved | kfANSINonReserved},
	kwSETMINUS:          {name: "SETMINUS", spellings: []string{"MINUS"}, flags: kfStrictNonReserved | kfANSINonReserved},
	kwSETS:              {name: "SETS", spellings: []string{"SETS"}, flags: kfNonReserved | kfANSINonReserved},
	kwSHORT:             {name: "SHORT", spellings: []string{"SHORT"}, flags: kfNonReserved | kfANSINonReserved},
	kwSHOW:              {name: "SHOW", spellings: []string{"SHOW"}, flags: kfNonReserved | kfANSINonReserved},
	kwSINGLE:            {name: "SINGLE", spellings: []string{"SINGLE"}, flags: kfNonReserved | kfANSINonReserved},
	kwSKEWED:            {name: "SKEWED", spellings: []string{"SKEWED"}, flags: kfNonReserved | kfANSINonReserved},
	kwSMALLINT:          {name: "SMALLINT", spellings: []string{"SMALLINT"}, flags: kfNonReserved | kfANSINonReserved},
	kwSOME:              {name: "SOME", spellings: []string{"SOME"}, flags: kfNonReserved},
	kwSORT:              {name: "SORT", spellings: []string{"SORT"}, flags: kfNonReserved | kfANSINonReserved},
	kwSORTED:            {name: "SORTED", spellings: []string{"SORTED"}, flags: kfNonReserved | kfANSINonReserved},
	kwSOURCE:            {name: "SOURCE", spellings: []string{"SOURCE"}, flags: kfNonReserved | kfANSINonReserved},
	kwSPECIFIC:          {name: "SPECIFIC", spellings: []string{"SPECIFIC"}, flags: kfNonReserved | kfANSINonReserved},
	kwSQL:               {name: "SQL", spellings: []string{"SQL"}, flags: kfNonReserved},
	kwSQLEXCEPTION:      {name: "SQLEXCEPTION", spellings: []string{"SQLEXCEPTION"}, flags: kfNonReserved | kfANSINonReserved},
	kwSQLSTATE:          {name: "SQLSTATE", spellings: []string{"SQLSTATE"}, flags: kfNonReserved | kfANSINonReserved},
	kwSTART:             {name: "START", spellings: []string{"START"}, flags: kfNonReserved | kfANSINonReserved},
	kwSTATISTICS:        {name: "STATISTICS", spellings: []string{"STATISTICS"}, flags: kfNonReserved | kfANSINonReserved},
	kwSTORED:            {name: "STORED", spellings: []string{"STORED"}, flags: kfNonReserved | kfANSINonReserved},
	kwSTRATIFY:          {name: "STRATIFY", spellings: []string{"STRATIFY"}, flags: kfNonReserved | kfANSINonReserved},
	kwSTREAM:            {name: "STREAM", spellings: []string{"STREAM"}, flags: kfNonReserved | kfANSINonReserved},
	kwSTREAMING:         {name: "STREAMING", spellings: []string{"STREAMING"}, flags: kfNonReserved | kfANSINonReserved},
	kwSTRING:            {name: "STRING", spellings: []string{"STRING"}, flags: kfNonReserved | kfANSINonReserved},
	kwSTRUCT:            {name: "STRUCT", spellings: []string{"STRUCT"}, flags: kfNonReserved | kfANSINonReserved},
	kwSUBSTR:            {name: "SUBSTR", spellings: []string{"SUBSTR"}, flags: kfNonReserved | kfANSINonReserved},
	kwSUBSTRING:         {name: "SUBSTRING", spellings: []string{"SUBSTRING"}, flags: kfNonReserved | kfANSINonReserved},
	kwSYNC:              {name: "SYNC", spellings: []string{"SYNC"}, flags: kfNonReserved | kfANSINonReserved},
	kwSYSTEM_TIME:       {name: "SYSTEM_TIME", spellings: []string{"SYSTEM_TIME"}, flags: kfNonReserved | kfANSINonReserved},
	kwSYSTEM_VERSION:    {name: "SYSTEM_VERSION", spellings: []string{"SYSTEM_VERSION"}, flags: kfNonReserved | kfANSINonReserved},
	kwTABLE:             {name: "TABLE", spellings: []string{"TABLE"}, flags: kfNonReserved},
	kwTABLES:            {name: "TABLES", spellings: []string{"TABLES"}, flags: kfNonReserved | kfANSINonReserved},
	kwTABLESAMPLE:       {name: "TABLESAMPLE", spellings: []string{"TABLESAMPLE"}, flags: kfNonReserved | kfANSINonReserved},
	kwTARGET:            {name: "TARGET", spellings: []string{"TARGET"}, flags: kfNonReserved | kfANSINonReserved},
	kwTBLPROPERTIES:     {name: "TBLPROPERTIES", spellings: []string{"TBLPROPERTIES"}, flags: kfNonReserved | kfANSINonReserved},
	kwTEMPORARY:         {name: "TEMPORARY", spellings: []string{"TEMPORARY", "TEMP"}, flags: kfNonReserved | kfANSINonReserved},
	kwTERMINATED:        {name: "TERMINATED", spellings: []string{"TERMINATED"}, flags: kfNonReserved | kfANSINonReserved},
	kwTHEN:              {name: "THEN", spellings: []string{"THEN"}, flags: kfNonReserved},
	kwTIME:              {name: "TIME", spellings: []string{"TIME"}, flags: kfNonReserved},
	kwTIMEDIFF:          {name: "TIMEDIFF", spellings: []string{"TIMEDIFF"}, flags: kfNonReserved | kfANSINonReserved},
	kwTIMESTAMP:         {name: "TIMESTAMP", spellings: []string{"TIMESTAMP"}, flags: kfNonReserved | kfANSINonReserved},
	kwTIMESTAMP_LTZ:     {name: "TIMESTAMP_LTZ", spellings: []string{"TIMESTAMP_LTZ"}, flags: kfNonReserved | kfANSINonReserved},
	kwTIMESTAMP_NTZ:     {name: "TIMESTAMP_NTZ", spellings: []string{"TIMESTAMP_NTZ"}, flags: kfNonReserved | kfANSINonReserved},
	kwTIMESTAMPADD:      {name: "TIMESTAMPADD", spellings: []string{"TIMESTAMPADD"}, flags: kfNonReserved | kfANSINonReserved},
	kwTIMESTAMPDIFF:     {name: "TIMESTAMPDIFF", spellings: []string{"TIMESTAMPDIFF"}, flags: kfNonReserved | kfANSINonReserved},
	kwTINYINT:           {name: "TINYINT", spellings: []string{"TINYINT"}, flags: kfNonReserved | kfANSINonReserved},
	kwTO:                {name: "TO", spellings: []string{"TO"}, flags: kfNonReserved},
	kwEXECUTE:           {name: "EXECUTE", spellings: []string{"EXECUTE"}, flags: kfNonReserved},
	kwTOUCH:             {name: "TOUCH", spellings: []string{"TOUCH"}, flags: kfNonReserved | kfANSINonReserved},
	kwTRAILING:          {name: "TRAILING", spellings: []string{"TRAILING"}, flags: kfNonReserved},
	kwTRANSACTION:       {name: "TRANSACTION", spellings: []string{"TRANSACTION"}, flags: kfNonReserved | kfANSINonReserved},
	kwTRANSACTIONS:      {name: "TRANSACTIONS", spellings: []string{"TRANSACTIONS"}, flags: kfNonReserved | kfANSINonReserved},
	kwTRANSFORM:         {name: "TRANSFORM", spellings: []string{"TRANSFORM"}, flags: kfNonReserved | kfANSINonReserved},
	kwTRIM:              {name: "TRIM", spellings: []string{"TRIM"}, flags: kfNonReserved | kfANSINonReserved},
	kwTRUE:              {name: "TRUE", spellings: []string{"TRUE"}, flags: kfNonReserved | kfANSINonReserved},
	kwTRUNCATE:          {name: "TRUNCATE", spellings: []string{"TRUNCATE"}, flags: kfNonReserved | kfANSINonReserved},
	kwTRY_CAST:          {name: "TRY_CAST", spellings: []string{"TRY_CAST"}, flags: kfNonReserved | kfANSINonReserved},
	kwTYPE:              {name: "TYPE", spellings: []string{"TYPE"}, flags: kfNonReserved | kfANSINonReserved},
	kwUNARCHIVE:         {name: "UNARCHIVE", spellings: []string{"UNARCHIVE"}, flags: kfNonReserved | kfANSINonReserved},
	kwUNBOUNDED:         {name: "UNBOUNDED", spellings: []string{"UNBOUNDED"}, flags: kfNonReserved | kfANSINonReserved},
	kwUNCACHE:           {name: "UNCACHE", spellings: []string{"UNCACHE"}, flags: kfNonReserved | kfANSINonReserved},
	kwUNION:             {name: "UNION", spellings: []string{"UNION"}, flags: kfStrictNonReserved},
	kwUNIQUE:            {name: "UNIQUE", spellings: []string{"UNIQUE"}, flags: kfNonReserved},
	kwUNKNOWN:           {name: "UNKNOWN", spellings: []string{"UNKNOWN"}, flags: kfNonReserved},
	kwUNLOCK:            {name: "UNLOCK", spellings: []string{"UNLOCK"}, flags: kfNonReserved | kfANSINonReserved},
	kwUNPIVOT:           {name: "UNPIVOT", spellings: []string{"UNPIVOT"}, flags: kfNonReserved | kfANSINonReserved},
	kwUNSET:             {name: "UNSET", spellings: []string{"UNSET"}, flags: kfNonReserved | kfANSINonReserved},
	kwUNTIL:             {name: "UNTIL", spellings: []string{"UNTIL"}, flags: kfNonReserved | kfANSINonReserved},
	kwUPDATE:            {name: "UPDATE", spellings: []string{"UPDATE"}, flags: kfNonReserved | kfANSINonReserved},
	kwUSE:               {name: "USE", spellings: []string{"USE"}, flags: kfNonReserved | kfANSINonReserved},
	kwUSER:              {name: "USER", spellings: []string{"USER"}, flags: kfNonReserved},
	kwUSING:             {name: "USING", spellings: []string{"USING"}, flags: kfStrictNonReserved},
	kwVALUE:             {name: "VALUE", spellings: []string{"VALUE"}, flags: kfNonReserved | kfANSINonReserved},
	kwVALUES:            {name: "VALUES", spellings: []string{"VALUES"}, flags: kfNonReserved | kfANSINonReserved},
	kwVARCHAR:           {name: "VARCHAR", spellings: []string{"VARCHAR"}, flags: kfNonReserved | kfANSINonReserved},
	kwVAR:               {name: "VAR", spellings: []string{"VAR"}, flags: kfNonReserved | kfANSINonReserved},
	kwVARIABLE:          {name: "VARIABLE", spellings: []string{"VARIABLE"}, flags: kfNonReserved | kfANSINonReserved},
	kwVARIANT:           {name: "VARIANT", spellings: []string{"VARIANT"}, flags: kfNonReserved | kfANSINonReserved},
	kwVERSION:           {name: "VERSION", spellings: []string{"VERSION"}, flags: kfNonReserved | kfANSINonReserved},
	kwVIEW:              {name: "VIEW", spellings: []string{"VIEW"}, flags: kfNonReserved | kfANSINonReserved},
	kwVIEWS:             {name: "VIEWS", spellings: []string{"VIEWS"}, flags: kfNonReserved | kfANSINonReserved},
	kwVOID:              {name: "VOID", spellings: []string{"VOID"}, flags: kfNonReserved | kfANSINonReserved},
	kwWATERMARK:         {name: "WATERMARK", spellings: []string{"WATERMARK"}, flags: kfNonReserved | kfANSINonReserved},
	kwWEEK:              {name: "WEEK", spellings: []string{"WEEK"}, flags: kfNonReserved | kfANSINonReserved},
	kwWEEKS:             {name: "WEEKS", spellings: []string{"WEEKS"}, flags: kfNonReserved | kfANSINonReserved},
	kwWHEN:              {name: "WHEN", spellings: []string{"WHEN"}, flags: kfNonReserved},
	kwWHERE:             {name: "WHERE", spellings: []string{"WHERE"}, flags: kfNonReserved},
	kwWHILE:             {name: "WHILE", spellings: []string{"WHILE"}, flags: kfNonReserved | kfANSINonReserved},
	kwWINDOW:            {name: "WINDOW", spellings: []string{"WINDOW"}, flags: kfNonReserved | kfANSINonReserved},
	kwWITH:              {name: "WITH", spellings: []string{"WITH"}, flags: kfNonReserved},
	kwWITHIN:            {name: "WITHIN", spellings: []string{"WITHIN"}, flags: kfNonReserved},
	kwWITHOUT:           {name: "WITHOUT", spellings: []string{"WITHOUT"}, flags: kfNonReserved | kfANSINonReserved},
	kwYEAR:              {name: "YEAR", spellings: []string{"YEAR"}, flags: kfNonReserved | kfANSINonReserved},
	kwYEARS:             {name: "YEARS", spellings: []string{"YEARS"}, flags: kfNonReserved | kfANSINonReserved},
	kwZONE:              {name: "ZONE", spellings: []string{"ZONE"}, flags: kfNonReserved | kfANSINonReserved},
}
