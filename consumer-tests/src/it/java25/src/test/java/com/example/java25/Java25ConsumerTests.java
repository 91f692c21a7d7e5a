package com.example.java25;

import com.example.checks.ConsumerChecks;

class Java25ConsumerTests extends ConsumerChecks {

}
