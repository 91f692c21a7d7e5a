package com.example.bootbom;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class BootBomApplication {

	public static void main(String[] args) {
		SpringApplication.run(BootBomApplication.class, args);
	}

}
